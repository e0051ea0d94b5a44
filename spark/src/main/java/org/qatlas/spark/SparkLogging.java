package org.qatlas.spark;

/**
 * Keeps Spark's logging off the user's terminal: points log4j2, which Spark logs through, at
 * this module's configuration (warnings and errors only) before Spark's first log line, unless
 * the JVM was given a configuration of its own. Without one, Spark would install its own
 * defaults and print dozens of INFO lines for every study.
 */
final class SparkLogging {
    static final String PROPERTY = "log4j2.configurationFile";
    static final String CONFIGURATION = "org/qatlas/spark/log4j2.properties";

    private SparkLogging() {
    }

    static void configure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, CONFIGURATION);
        }
    }
}
