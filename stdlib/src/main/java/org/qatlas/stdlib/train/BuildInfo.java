package org.qatlas.stdlib.train;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Which code this is: the Qatlas version the build wrote into the library, and the git commit of
 * the checkout the library was built in, when it runs from one (as {@code bin/qat} does). A run
 * records both, so that a result can be traced to the code that produced it.
 */
final class BuildInfo {
    /** What is recorded when the code cannot tell. */
    static final String UNKNOWN = "unknown";
    /** How many folders above the library's jar or classes a checkout's .git may be: interpreter/target/lib/x.jar is 3. */
    private static final int LEVELS = 5;

    static final String VERSION = readVersion();
    static final String GIT_COMMIT = readGitCommit();

    private BuildInfo() {
    }

    private static String readVersion() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/qatlas/stdlib/build.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", UNKNOWN);
            return version.startsWith("${") ? UNKNOWN : version; // an unfiltered copy (an IDE's build)
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** The commit checked out where the library was built, or {@link #UNKNOWN} (a jar copied elsewhere). */
    private static String readGitCommit() {
        try {
            Path place = Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (int level = 0; level <= LEVELS && place != null; level++, place = place.getParent()) {
                Path dotGit = place.resolve(".git");
                if (Files.exists(dotGit)) {
                    String commit = commitOf(dotGit);
                    return commit == null ? UNKNOWN : commit;
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // no code source, or a repository laid out otherwise: the commit is not known
        }
        return UNKNOWN;
    }

    /**
     * The commit HEAD names. {@code .git} is a folder, or in a linked worktree a file naming the
     * worktree's folder, whose "commondir" holds the shared refs.
     */
    private static String commitOf(Path dotGit) throws IOException {
        Path gitDir = dotGit;
        if (Files.isRegularFile(dotGit)) {
            String line = Files.readString(dotGit).strip();
            if (!line.startsWith("gitdir:")) {
                return null;
            }
            gitDir = dotGit.getParent().resolve(line.substring("gitdir:".length()).strip());
        }
        Path common = gitDir;
        Path commonFile = gitDir.resolve("commondir");
        if (Files.isRegularFile(commonFile)) {
            common = gitDir.resolve(Files.readString(commonFile).strip()).normalize();
        }
        String head = Files.readString(gitDir.resolve("HEAD")).strip();
        if (!head.startsWith("ref:")) {
            return hash(head);
        }
        String ref = head.substring("ref:".length()).strip();
        for (Path folder : new Path[] {gitDir, common}) {
            Path loose = folder.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return hash(Files.readString(loose).strip());
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed)) {
                if (line.endsWith(" " + ref)) {
                    return hash(line.substring(0, line.indexOf(' ')));
                }
            }
        }
        return null;
    }

    private static String hash(String text) {
        return text.matches("[0-9a-f]{40}|[0-9a-f]{64}") ? text : null;
    }
}
