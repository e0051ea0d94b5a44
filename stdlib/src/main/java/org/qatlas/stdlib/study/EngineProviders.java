package org.qatlas.stdlib.study;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the provider of an engine by name, loading its module only when asked: the launcher
 * and embedding programs start without Spark's 150 jars, and a script that never asks for
 * {@code spark(...)} never loads them.
 *
 * <p>A provider is looked for first on the class path (an embedding program that put
 * qatlas-spark there), then in the module's build folder named by the system property
 * {@code qat.<name>.home} (bin/qat sets {@code qat.spark.home} to {@code spark/target}): its
 * jar and the jars of its {@code lib} folder are read by a {@link ModuleClassLoader}, one per
 * folder for the life of the process, so that asking twice does not load Spark twice.
 */
public final class EngineProviders {
    /** The loaders of the modules loaded so far, by folder. */
    private static final Map<String, ModuleClassLoader> MODULES = new ConcurrentHashMap<>();

    private EngineProviders() {
    }

    /** The system property that names the folder of module {@code name}: {@code qat.spark.home}. */
    public static String homeProperty(String name) {
        return "qat." + name + ".home";
    }

    /** Opens engine {@code name} on {@code master}; see {@link EngineProvider#open}. */
    public static Engine open(String name, String master, Map<String, String> options) {
        return find(name).open(master, options);
    }

    /**
     * The provider called {@code name}.
     *
     * @throws IllegalStateException when no module provides it, saying how to install it
     */
    public static EngineProvider find(String name) {
        EngineProvider found = find(name, EngineProviders.class.getClassLoader());
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (found == null && context != null && context != EngineProviders.class.getClassLoader()) {
            found = find(name, context);
        }
        String home = System.getProperty(homeProperty(name));
        if (found == null && home != null && !home.isBlank()) {
            found = find(name, module(name, home));
        }
        if (found == null) {
            throw new IllegalStateException("the " + name + " engine is not installed: build the " + name
                    + " module (mvn package) or put qatlas-" + name + " on the class path");
        }
        return found;
    }

    private static EngineProvider find(String name, ClassLoader loader) {
        for (EngineProvider provider : ServiceLoader.load(EngineProvider.class, loader)) {
            if (provider.name().equals(name)) {
                return provider;
            }
        }
        return null;
    }

    /** The loader over module {@code name}'s folder: its qatlas-NAME jar and lib/*.jar. */
    private static ModuleClassLoader module(String name, String home) {
        File folder = new File(home).getAbsoluteFile();
        return MODULES.computeIfAbsent(folder.getPath(), path -> {
            List<URL> jars = new ArrayList<>();
            jars.addAll(jars(folder, "qatlas-" + name + "-"));
            if (jars.isEmpty()) {
                throw new IllegalStateException("the " + name + " engine is not installed: " + folder + " (" + homeProperty(name)
                        + ") holds no qatlas-" + name + " jar; build the " + name + " module (mvn package)");
            }
            jars.addAll(jars(new File(folder, "lib"), ""));
            return new ModuleClassLoader(name, jars.toArray(URL[]::new), EngineProviders.class.getClassLoader());
        });
    }

    /** The jars in {@code folder} whose names start with {@code prefix}, sources and tests left out, sorted by name. */
    private static List<URL> jars(File folder, String prefix) {
        File[] files = folder.listFiles((dir, file) -> file.startsWith(prefix) && file.endsWith(".jar")
                && !file.endsWith("-sources.jar") && !file.endsWith("-tests.jar") && !file.endsWith("-javadoc.jar"));
        if (files == null) {
            return List.of();
        }
        Arrays.sort(files);
        List<URL> urls = new ArrayList<>();
        for (File file : files) {
            try {
                urls.add(file.toURI().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException("a jar's path is not a URL: " + file, e);
            }
        }
        return urls;
    }
}
