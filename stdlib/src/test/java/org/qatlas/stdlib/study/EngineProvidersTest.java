package org.qatlas.stdlib.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.enginefixture.FakeEngineProvider;

class EngineProvidersTest {
    private static final String HOME = EngineProviders.homeProperty("fake");

    @AfterEach
    void forgetTheModule() {
        System.clearProperty(HOME);
    }

    @Test
    void anEngineThatNoModuleProvidesSaysHowToInstallIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EngineProviders.find("spark"));
        assertEquals("the spark engine is not installed: build the spark module (mvn package) or put qatlas-spark on the class path",
                e.getMessage());
    }

    @Test
    void aModuleFolderWithoutTheModulesJarIsNamed(@TempDir Path folder) {
        System.setProperty(HOME, folder.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EngineProviders.find("fake"));
        assertTrue(e.getMessage().contains(folder + " (qat.fake.home) holds no qatlas-fake jar"), e.getMessage());
    }

    @Test
    void aModuleIsFoundInItsFolderAndLoadedOnceInALoaderOfItsOwn(@TempDir Path folder) throws IOException {
        Path jar = folder.resolve("qatlas-fake-1.0.jar");
        writeJar(jar, Map.of("META-INF/services/" + EngineProvider.class.getName(), FakeEngineProvider.class.getName().getBytes(
                StandardCharsets.UTF_8), classFile(FakeEngineProvider.class), bytes(FakeEngineProvider.class),
                classFile(FakeEngineProvider.FakeEngine.class), bytes(FakeEngineProvider.FakeEngine.class)));
        System.setProperty(HOME, folder.toString());

        EngineProvider provider = EngineProviders.find("fake");
        assertInstanceOf(ModuleClassLoader.class, provider.getClass().getClassLoader());
        assertNotSame(FakeEngineProvider.class, provider.getClass(), "the module's copy, not the class path's");
        assertSame(provider.getClass().getClassLoader(), EngineProviders.find("fake").getClass().getClassLoader(),
                "asking again does not load the module again");
        try (Engine engine = EngineProviders.open("fake", "here", Map.of())) {
            assertEquals("fake(here)", engine.describe());
        }
    }

    @Test
    void aModuleHasItsOwnLibrariesButSharesTheStandardLibrary(@TempDir Path folder) throws IOException, ClassNotFoundException {
        // A module jar holding its own copy of a library the application has too, and of a standard-library type.
        Path jar = folder.resolve("module.jar");
        writeJar(jar, Map.of(classFile(CSVFormat.class), bytes(CSVFormat.class), classFile(Engine.class), bytes(Engine.class)));
        try (ModuleClassLoader module = new ModuleClassLoader("test", new URL[] {jar.toUri().toURL()},
                EngineProvidersTest.class.getClassLoader())) {
            Class<?> csv = module.loadClass(CSVFormat.class.getName());
            assertNotSame(CSVFormat.class, csv);
            assertSame(module, csv.getClassLoader());
            assertSame(Engine.class, module.loadClass(Engine.class.getName()), "the engine interface is the application's");
            assertSame(String.class, module.loadClass("java.lang.String"));
            assertSame(Test.class, module.loadClass(Test.class.getName()), "what the module lacks comes from the application");

            assertTrue(module.getResource(classFile(CSVFormat.class)).toString().startsWith("jar:file:" + jar + "!"),
                    module.getResource(classFile(CSVFormat.class)).toString());
            assertNull(module.getResource(classFile(Test.class)), "the application's resources stay its own");
            assertTrue(module.getResource(classFile(Engine.class)).toString().contains("stdlib"),
                    "but the standard library's are shared: " + module.getResource(classFile(Engine.class)));
        }
    }

    private static String classFile(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    private static byte[] bytes(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(classFile(type))) {
            return in.readAllBytes();
        }
    }

    private static void writeJar(Path jar, Map<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }
}
