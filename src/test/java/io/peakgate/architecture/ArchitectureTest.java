package io.peakgate.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.peakgate.agents.ArchitectureViolationFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house rules of ARCHITECTURE.md, checked on the compiled production classes: a domain reaches
 * another only through the types at its root, its front door (never its {@code service},
 * {@code repository} or {@code rest} package, never a repository), {@code platform} knows no domain, domains form no cycle, repositories are package-private,
 * SQL and JDBC live only in repositories, and only the transition path changes a payment's status. The
 * last tests prove the rules can fail: the same rules, run over deliberately wrong test fixtures, report them.
 */
class ArchitectureTest {

    private static final String ROOT = "io.peakgate";
    private static JavaClasses production;

    @BeforeAll
    static void importProduction() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /** The top-level package of a class under io.peakgate: its domain ({@code platform} included), or "" for the root. */
    static String domain(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith(ROOT + ".")) {
            return "";
        }
        String rest = pkg.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Behind another domain's front door: anything outside its root package (platform's packages are all shared). */
    private static boolean internal(JavaClass c, String domain) {
        return !domain.equals("platform") && !c.getPackageName().equals(ROOT + "." + domain)
                || c.getSimpleName().endsWith("Repository");
    }

    static final ArchRule FRONT_DOORS_ONLY = classes().that().resideInAPackage(ROOT + "..")
            .should(new ArchCondition<>("reach other domains only through the types at their root (front doors)") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    String from = domain(origin);
                    origin.getDirectDependenciesFromSelf().forEach(d -> {
                        JavaClass target = d.getTargetClass();
                        String to = domain(target);
                        if (!to.isEmpty() && !to.equals(from) && !from.isEmpty() && internal(target, to)) {
                            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                        }
                    });
                }
            });

    static final ArchRule PLATFORM_KNOWS_NO_DOMAIN = noClasses().that().resideInAPackage(ROOT + ".platform..")
            .should().dependOnClassesThat(new DescribedPredicate<>("belong to a domain") {
                @Override
                public boolean test(JavaClass c) {
                    String d = domain(c);
                    return !d.isEmpty() && !d.equals("platform");
                }
            });

    static final ArchRule NO_CYCLES = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    static final ArchRule REPOSITORIES_PACKAGE_PRIVATE = classes().that().haveSimpleNameEndingWith("Repository")
            .and().resideInAPackage(ROOT + "..").should().notBePublic();

    static final ArchRule SQL_ONLY_IN_REPOSITORIES = noClasses().that().haveSimpleNameNotEndingWith("Repository")
            .and().resideInAPackage(ROOT + "..")
            .should().callMethodWhere(new DescribedPredicate<>("run SQL") {
                @Override
                public boolean test(com.tngtech.archunit.core.domain.JavaMethodCall call) {
                    String owner = call.getTargetOwner().getName();
                    String name = call.getName();
                    return owner.startsWith("io.vertx.mutiny.sqlclient.") && (name.equals("preparedQuery")
                            || name.equals("query")) || owner.startsWith("java.sql.");
                }
            });

    static final ArchRule ONE_TRANSITION_PATH = noClasses().that().doNotHaveSimpleName("Transitions")
            .and().resideInAPackage(ROOT + "..")
            .should().callMethodWhere(new DescribedPredicate<>("write a payment's status") {
                @Override
                public boolean test(com.tngtech.archunit.core.domain.JavaMethodCall call) {
                    return call.getTargetOwner().getSimpleName().equals("PaymentRepository")
                            && List.of("transition", "created", "insert").contains(call.getName());
                }
            });

    @Test
    void domainsMeetOnlyAtFrontDoors() {
        FRONT_DOORS_ONLY.check(production);
    }

    @Test
    void platformImportsNoDomain() {
        PLATFORM_KNOWS_NO_DOMAIN.check(production);
    }

    @Test
    void noCycleBetweenDomains() {
        NO_CYCLES.check(production);
    }

    @Test
    void repositoriesArePackagePrivate() {
        REPOSITORIES_PACKAGE_PRIVATE.check(production);
    }

    @Test
    void sqlOnlyInRepositories() {
        SQL_ONLY_IN_REPOSITORIES.check(production);
    }

    @Test
    void onlyTheTransitionPathChangesAPaymentsStatus() {
        ONE_TRANSITION_PATH.check(production);
    }

    /** No SQL text writes a payment's status but the repository the transition path uses. */
    @Test
    void onlyThePaymentRepositoryHoldsSqlThatWritesAPaymentsStatus() throws Exception {
        java.util.regex.Pattern writes = java.util.regex.Pattern.compile(
                "(?is)UPDATE\\s+payment\\s+SET[^;\"]*\\bstatus\\b|INSERT\\s+INTO\\s+payment\\s*\\(");
        try (var files = java.nio.file.Files.walk(Path.of("src/main/java"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return writes.matcher(java.nio.file.Files.readString(f)).find();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> f.getFileName().toString())).containsExactly("PaymentRepository.java");
        }
    }

    /** The same rules on the source's import lines: an import nothing uses is refused too. */
    @Test
    void sourceImportsKeepTheRules() {
        assertThat(SourceImports.violations(SourceImports.read(Path.of("src/main/java")))).isEmpty();
    }

    /** Wrong import lines, as a newcomer might write them: each is reported. */
    @Test
    void theSourceRulesFailOnDeliberatelyWrongImports() {
        List<SourceImports.Source> sources = new java.util.ArrayList<>(SourceImports.read(Path.of("src/main/java")));
        sources.add(SourceImports.parse("agents/Wrong.java", """
                package io.peakgate.agents;

                import io.peakgate.payments.service.PaymentQueries;
                import io.peakgate.accounts.AccountRepository;
                import io.peakgate.payments.rest.PaymentView;
                """));
        sources.add(SourceImports.parse("platform/Wrong.java", """
                package io.peakgate.platform.http;

                import static io.peakgate.accounts.Accounts.subscriber;
                """));
        sources.add(SourceImports.parse("vault/Wrong.java", """
                package io.peakgate.vault;

                import io.peakgate.payments.Payment;
                """));
        assertThat(SourceImports.violations(sources)).anySatisfy(v -> assertThat(v)
                        .contains("agents/Wrong.java imports io.peakgate.payments.service.PaymentQueries"))
                .anySatisfy(v -> assertThat(v).contains("agents/Wrong.java imports io.peakgate.accounts.AccountRepository"))
                .anySatisfy(v -> assertThat(v).contains("agents/Wrong.java imports io.peakgate.payments.rest.PaymentView"))
                .anySatisfy(v -> assertThat(v).contains("platform/Wrong.java imports io.peakgate.accounts.Accounts: platform"))
                .anySatisfy(v -> assertThat(v).isEqualTo("cycle between domains: payments -> vault -> payments"));
    }

    /** The fixtures (test sources) import what the rules forbid: each rule must report them. */
    @Test
    void theRulesFailOnDeliberatelyWrongImports() {
        JavaClasses wrong = new ClassFileImporter().importPackages(ROOT);
        JavaClasses fixtures = new ClassFileImporter().importClasses(ArchitectureViolationFixture.class,
                ArchitectureViolationFixture.ReachesIntoAnotherDomain.class,
                io.peakgate.platform.ArchitectureViolationFixture.class,
                io.peakgate.vault.ArchitectureCycleFixture.class);
        assertThat(FRONT_DOORS_ONLY.evaluate(fixtures).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("io.peakgate.payments.service.PaymentQueries"));
        assertThat(PLATFORM_KNOWS_NO_DOMAIN.evaluate(fixtures).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("io.peakgate.accounts.Accounts"));
        assertThat(NO_CYCLES.evaluate(wrong).hasViolation()).isTrue();
        JavaClasses more = new ClassFileImporter().importClasses(io.peakgate.agents.ArchitectureFixtureRepository.class,
                io.peakgate.agents.ArchitectureFixtureRepository.RunsSql.class);
        assertThat(REPOSITORIES_PACKAGE_PRIVATE.evaluate(more).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("ArchitectureFixtureRepository"));
        assertThat(SQL_ONLY_IN_REPOSITORIES.evaluate(more).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("RunsSql") && line.contains("preparedQuery"));
        assertThat(ONE_TRANSITION_PATH.evaluate(new ClassFileImporter().importPackages("io.peakgate.payments.service"))
                .getFailureReport().getDetails()).anyMatch(line -> line.contains("ArchitectureTransitionFixture"));
        assertThat(NO_CYCLES.evaluate(production).hasViolation()).isFalse();
    }
}
