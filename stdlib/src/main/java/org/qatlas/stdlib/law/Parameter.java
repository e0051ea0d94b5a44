package org.qatlas.stdlib.law;

/**
 * A free parameter of a law: its name, the value fitting starts from, and a lower bound the
 * fitted value must stay above ({@code Double.NEGATIVE_INFINITY} when it is free).
 */
public record Parameter(String name, double initial, double lowerBound) {
    public Parameter {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
        if (!(initial > lowerBound)) {
            throw new IllegalArgumentException("parameter " + name + " starts at " + initial
                    + ", which is not above its bound " + lowerBound);
        }
    }

    /** A parameter with no bound. */
    public static Parameter free(String name, double initial) {
        return new Parameter(name, initial, Double.NEGATIVE_INFINITY);
    }

    public boolean bounded() {
        return lowerBound != Double.NEGATIVE_INFINITY;
    }
}
