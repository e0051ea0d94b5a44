package org.qatlas.stdlib.study;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads an optional module (qatlas-spark) from its own jars, its libraries before the
 * application's: Spark needs its own versions of libraries the application also carries
 * (Jackson 2.21 where the interpreter has 2.17, slf4j 2 with log4j2 where it has slf4j 1.7), and
 * two versions of a library cannot share one class loader.
 *
 * <p>Only the classes both sides must agree on come from the application: Qatlas's standard
 * library (the engine interface, run specs and records cross between them), and ND4J and
 * JavaCPP, whose native libraries a JVM loads once. Everything else the module finds in its own
 * jars first, then in the JDK, and only then in the application. Its resources likewise, so
 * that a library inside the module does not find the application's configuration files or
 * service registrations (slf4j 2 warns about an slf4j 1.7 binding it sees).
 */
public final class ModuleClassLoader extends URLClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    /** Packages (prefixes of class and resource names) that always come from the application. */
    private static final List<String> SHARED = List.of("org.qatlas.stdlib.", "org.nd4j.", "org.bytedeco.");

    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

    public ModuleClassLoader(String name, URL[] jars, ClassLoader application) {
        super("qatlas-" + name, jars, application);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = shared(name) ? getParent().loadClass(name) : moduleFirst(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> moduleFirst(String name) throws ClassNotFoundException {
        try {
            return platform.loadClass(name); // the JDK's own classes are never the module's
        } catch (ClassNotFoundException notInJdk) {
            try {
                return findClass(name);
            } catch (ClassNotFoundException notInModule) {
                return getParent().loadClass(name);
            }
        }
    }

    @Override
    public URL getResource(String name) {
        if (shared(name.replace('/', '.'))) {
            return getParent().getResource(name);
        }
        URL found = findResource(name);
        return found != null ? found : platform.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (shared(name.replace('/', '.')) || name.startsWith("META-INF/services/org.qatlas.stdlib.")) {
            // The module's registrations of the application's interfaces (its EngineProvider), then the application's.
            List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
            all.addAll(Collections.list(getParent().getResources(name)));
            return Collections.enumeration(all);
        }
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(platform.getResources(name)));
        return Collections.enumeration(all);
    }

    private static boolean shared(String name) {
        for (String prefix : SHARED) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
