package io.peakgate.support.contract;

import io.peakgate.support.Management;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;

/**
 * Before every {@code @QuarkusTest} method: RestAssured validates every response against the document that the
 * gateway it calls serves ({@link Contract}); the document is fetched again for each test class, as another test
 * profile may run another gateway.
 */
public class ContractCallback implements QuarkusTestBeforeEachCallback {

    private static final Filter VALIDATION = new Validation();
    private static Class<?> lastClass;
    private static Contract contract;
    private static String contractOf;

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        synchronized (ContractCallback.class) {
            Class<?> testClass = context.getTestInstance().getClass();
            if (testClass != lastClass) {
                lastClass = testClass;
                contract = null;
            }
            if (!RestAssured.filters().contains(VALIDATION)) {
                RestAssured.filters(VALIDATION);
            }
        }
    }

    private static synchronized Filter contractFor(URI target) {
        String base = target.getScheme() + "://" + target.getHost() + ":" + target.getPort();
        if (contract == null || !base.equals(contractOf)) {
            contract = Contract.of(Contract.fetch(base));
            contractOf = base;
        }
        return contract.filter();
    }

    private static final class Validation implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification spec,
                               FilterContext context) {
            URI target = URI.create(request.getURI());
            if (target.getPort() == Management.port()) {
                // the management interface (health, metrics) is not part of the API's contract
                return context.next(request, spec);
            }
            return contractFor(target).filter(request, spec, context);
        }
    }
}
