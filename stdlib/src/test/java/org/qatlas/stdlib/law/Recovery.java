package org.qatlas.stdlib.law;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** Assertions shared by the recovery tests. */
final class Recovery {
    private Recovery() {
    }

    /** Relative error of the fitted value of each parameter against the truth. */
    static double relativeError(Fit fit, String parameter, double truth) {
        return Math.abs(fit.value(parameter) / truth - 1);
    }

    /** Every named parameter within its relative tolerance of the truth. */
    static void assertWithin(Fit fit, List<String> names, double[] truth, double[] tolerances) {
        for (int j = 0; j < names.size(); j++) {
            double error = relativeError(fit, names.get(j), truth[j]);
            String name = names.get(j);
            assertTrue(error <= tolerances[j], () -> name + " = " + fit.value(name) + ", truth " + truth[names.indexOf(name)]
                    + ", tolerance " + tolerances[names.indexOf(name)] + " relative\n" + fit.table());
        }
    }

    static List<String> names(Law law) {
        return law.parameters().stream().map(Parameter::name).toList();
    }
}
