package dev.bulwark.securitytesting.openapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which {@code $ref}s the parser may follow. The parser would fetch URLs and read any
 * file it is pointed at, which turns a tenant-supplied document into SSRF and local file
 * disclosure on the control plane. Only two things are allowed: references inside the document,
 * and relative file references that stay inside the root document's directory (checked again in
 * every file reached, symlinks resolved).
 */
final class ExternalRefGuard {

    private static final int MAX_FILES = 200;

    private final long maxBytesPerFile;

    ExternalRefGuard(long maxBytesPerFile) {
        this.maxBytesPerFile = maxBytesPerFile;
    }

    /** For text with no home on disk: any reference leaving the document is refused. */
    void checkDetached(SourceIndex index) throws OpenApiParseException {
        List<String> problems = new ArrayList<>();
        for (SourceIndex.Reference ref : index.references()) {
            if (!isInternal(ref.target())) {
                problems.add("External reference not allowed in an inline document: '" + ref.target()
                        + "' at " + ref.holder());
            }
        }
        failIfAny(problems);
    }

    /** For a document file: walks every file it references, transitively. */
    void checkFile(Path rootFile, SourceIndex rootIndex) throws OpenApiParseException {
        Path baseDir = realPath(rootFile).getParent();
        List<String> problems = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Deque<Located> pending = new ArrayDeque<>();
        pending.add(new Located(realPath(rootFile), rootIndex));
        seen.add(realPath(rootFile));
        while (!pending.isEmpty()) {
            Located current = pending.poll();
            for (SourceIndex.Reference ref : current.index().references()) {
                if (isInternal(ref.target())) {
                    continue;
                }
                String file = filePart(ref.target());
                String where = "'" + ref.target() + "' in " + baseDir.relativize(current.file());
                if (file.contains(":") || file.contains("%") || file.startsWith("/") || file.startsWith("\\")) {
                    problems.add("Only relative file references are followed, not " + where);
                    continue;
                }
                Path target = current.file().getParent().resolve(file).normalize();
                if (!Files.isRegularFile(target)) {
                    continue; // the parser reports missing files itself
                }
                Path real = realPath(target);
                if (!real.startsWith(baseDir)) {
                    problems.add("Reference leaves the document's directory: " + where);
                } else if (seen.add(real)) {
                    if (seen.size() > MAX_FILES) {
                        throw new OpenApiParseException("More than " + MAX_FILES + " referenced files");
                    }
                    pending.add(new Located(real, SourceIndex.of(read(real))));
                }
            }
        }
        failIfAny(problems);
    }

    private String read(Path file) throws OpenApiParseException {
        try {
            if (Files.size(file) > maxBytesPerFile) {
                throw new OpenApiParseException("Referenced file is larger than " + maxBytesPerFile + " bytes: " + file);
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new OpenApiParseException("Cannot read referenced file " + file + ": " + e.getMessage());
        }
    }

    private static Path realPath(Path file) throws OpenApiParseException {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new OpenApiParseException("Cannot resolve " + file + ": " + e.getMessage());
        }
    }

    private static boolean isInternal(String target) {
        return filePart(target).isEmpty();
    }

    private static String filePart(String target) {
        int hash = target.indexOf('#');
        return (hash < 0 ? target : target.substring(0, hash)).trim();
    }

    private static void failIfAny(List<String> problems) throws OpenApiParseException {
        if (!problems.isEmpty()) {
            throw new OpenApiParseException(problems);
        }
    }

    private record Located(Path file, SourceIndex index) {}
}
