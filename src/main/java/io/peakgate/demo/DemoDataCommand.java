package io.peakgate.demo;

import io.peakgate.Command;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** {@code demo-data --accounts N}: loads N generated demo accounts, and refuses outside the demo. */
@ApplicationScoped
class DemoDataCommand implements Command {

    @Inject
    DemoData demoData;

    @Override
    public String name() {
        return "demo-data";
    }

    @Override
    public int run(List<String> args) {
        long accounts = 1000;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--accounts") && i + 1 < args.size()) {
                accounts = Long.parseLong(args.get(++i));
            } else if (args.get(i).startsWith("--accounts=")) {
                accounts = Long.parseLong(args.get(i).substring("--accounts=".length()));
            } else {
                System.err.println("usage: demo-data --accounts N");
                return 2;
            }
        }
        if (!demoData.loadGenerated(accounts, System.out)) {
            System.err.println("demo-data needs the demo: peakgate.demo.enabled in a profile other than prod "
                    + "(bin/peakgate demo-data uses the demo profile)");
            return 2;
        }
        return 0;
    }
}
