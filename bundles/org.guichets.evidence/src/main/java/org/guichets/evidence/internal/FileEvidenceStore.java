package org.guichets.evidence.internal;

import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.guichets.api.error.ValidationException;
import org.guichets.api.evidence.EvidenceStore;
import org.guichets.api.evidence.StagedFile;
import org.guichets.api.evidence.StoredFile;
import org.guichets.api.evidence.UploadPolicy;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The evidence store on the local disk, under {@code <data>/evidence}. */
@Component(service = EvidenceStore.class)
public final class FileEvidenceStore implements EvidenceStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileEvidenceStore.class);
    static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;
    static final int HEAD_BYTES = 8192;
    private static final int MAX_NAME = 200;

    /** Bytes read, written and hashed at a time. */
    static final int CHUNK = 256 * 1024;
    /**
     * The first read: most evidence files (a PDF of a few pages) fit, and are then written and
     * hashed without allocating (and zeroing) a chunk or handing anything to the hashing thread.
     */
    static final int FIRST = 64 * 1024;
    /** A large upload's written bytes are sent to the disk every so often, not all at the end. */
    static final long FLUSH_EVERY = 32L * 1024 * 1024;
    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[0-9a-f]{64}");
    /** Buffers going round between the writer and the hasher. */
    private static final int IN_FLIGHT = 8;
    /** Temporary folders under {@code tmp}, named 0 to f. */
    private static final int TMP_FOLDERS = 16;
    /** Marks the store's layout as the current one, {@code objects/<first byte>/<sha256>}. */
    static final String LAYOUT = "layout";

    private final java.util.concurrent.ExecutorService hasher = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "guichets-evidence-hash");
        t.setDaemon(true);
        return t;
    });
    /** Syncs the files and folders of a deposit of several files at once. */
    private final java.util.concurrent.ExecutorService syncer = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "guichets-evidence-sync");
        t.setDaemon(true);
        return t;
    });
    private final Path objects;
    private final Path tmp;
    private final long maxBytes;
    /** The folders files are renamed into, each opened once to be synced after (up to one per file kept). */
    private final java.util.concurrent.ConcurrentHashMap<Path, FileChannel> folders = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;

    @Activate
    public FileEvidenceStore(BundleContext context) throws IOException {
        this(Path.of(required(context, "guichets.data.dir")).resolve("evidence"),
                context.getProperty("guichets.evidence.maxBytes") == null ? DEFAULT_MAX_BYTES
                        : Long.parseLong(context.getProperty("guichets.evidence.maxBytes")));
    }

    /** A store in {@code root}; removes the temporary files a crash may have left. */
    public FileEvidenceStore(Path root, long maxBytes) throws IOException {
        this.objects = Files.createDirectories(root.resolve("objects"));
        this.tmp = Files.createDirectories(root.resolve("tmp"));
        this.maxBytes = maxBytes;
        // the 256 folders of the first byte, made once and synced into their parent: an upload then
        // creates no folder, and a crash cannot lose one with the files renamed into it
        Path layout = root.resolve(LAYOUT);
        boolean current = Files.exists(layout);
        int movedUp = 0;
        boolean allMoved = true;
        for (int b = 0; b < 256; b++) {
            Path folder = objects.resolve(String.format(java.util.Locale.ROOT, "%02x", b));
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
            } else if (!current) {
                try {
                    movedUp += moveUp(folder);
                } catch (IOException e) {
                    // the store still starts; what was not moved is not found until a start moves it
                    LOG.warn("Could not move up the evidence files kept under {} ({}): tried again at the next start",
                            folder, e.toString());
                    allMoved = false;
                }
            }
        }
        // every start, whatever made them (an earlier layout never synced its folders): three syncs
        syncDirectory(objects);
        syncDirectory(root);
        if (root.getParent() != null) {
            syncDirectory(root.getParent());
        }
        if (!current && allMoved) {
            // written once every file is where it belongs: a crash before it, and the next start goes on
            try (FileChannel mark = FileChannel.open(layout, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                mark.write(java.nio.ByteBuffer.wrap("objects/<first byte>/<sha256>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                mark.force(true);
            }
            syncDirectory(root);
            if (movedUp > 0) {
                LOG.info("Moved {} evidence file(s) kept in the earlier two-level layout to objects/<first byte>/", movedUp);
            }
        }
        int removed = 0;
        for (int t = 0; t < TMP_FOLDERS; t++) {
            Files.createDirectories(tmp.resolve(Integer.toHexString(t)));
        }
        // files of an earlier build directly in tmp, and those in its folders
        try (Stream<Path> leftovers = Files.walk(tmp, 2)) {
            for (Path p : leftovers.filter(Files::isRegularFile).toList()) {
                Files.deleteIfExists(p);
                removed++;
            }
        }
        if (removed > 0) {
            LOG.warn("Removed {} unfinished upload(s) left in {} by an interrupted run", removed, tmp);
        }
    }

    /**
     * Moves the files an earlier build kept one level deeper ({@code objects/<first byte>/<second
     * byte>/<sha256>}) up into {@code folder}; a file already there is the same content (its name is
     * its hash), and the deeper copy goes. Each move is a rename: a crash leaves every file in one
     * place or the other, and the next start finishes.
     */
    private static int moveUp(Path folder) throws IOException {
        int moved = 0;
        boolean removed = false;
        try (DirectoryStream<Path> deeper = Files.newDirectoryStream(folder, Files::isDirectory)) {
            for (Path sub : deeper) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(sub)) {
                    for (Path file : files) {
                        Path target = folder.resolve(file.getFileName());
                        if (Files.exists(target)) {
                            Files.delete(file);
                        } else {
                            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                            moved++;
                        }
                    }
                }
                syncDirectory(folder);
                Files.delete(sub);
                removed = true;
            }
        }
        if (removed) {
            syncDirectory(folder);
        }
        return moved;
    }

    private static String required(BundleContext context, String name) {
        String v = context.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("framework property " + name + " is not set");
        }
        return v;
    }

    @Override
    public StoredFile store(InputStream content, String fileName, UploadPolicy policy) throws IOException {
        return keep(List.of(stage(content, fileName, policy))).get(0);
    }

    /** A staged upload: its temporary file, still open for the sync to come, and what it will be. */
    private record Staged(Path part, FileChannel channel, StoredFile file) implements StagedFile {}

    @Override
    public StagedFile stage(InputStream content, String fileName, UploadPolicy policy) throws IOException {
        String name = sanitize(fileName);
        long limit = policy.maxBytes() > 0 ? Math.min(policy.maxBytes(), maxBytes) : maxBytes;
        MessageDigest sha = sha256();
        // a random name in one of the temporary folders: uploads at once create and rename their files
        // in different folders, each of which the file system changes under a lock of its own
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        Path part = tmp.resolve(Integer.toHexString(random.nextInt(TMP_FOLDERS)))
                .resolve(HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong()) + ".part");
        // a file that fits in the first read is written and hashed at once; its start is sniffed
        byte[] first = new byte[FIRST];
        int n0 = 0;
        long size = 0;
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean staged = false;
        try {
            OutputStream out = Channels.newOutputStream(channel);
            n0 = content.readNBytes(first, 0, FIRST);
            if (n0 > 0) {
                size = n0;
                if (size > limit) {
                    throw ValidationException.of("file", "file.tooLarge", limit);
                }
                out.write(first, 0, n0);
                sha.update(first, 0, n0);
            }
            // beyond it, the hash is computed on another thread while this one writes: each costs
            // about the same per byte, so overlapping them nearly halves the time of a large
            // upload. The buffers go round between the two threads: at most IN_FLIGHT of them,
            // allocated as needed, so memory stays bounded and flat whatever the size.
            java.util.concurrent.BlockingQueue<byte[]> free = new java.util.concurrent.ArrayBlockingQueue<>(IN_FLIGHT);
            int allocated = 0;
            CompletableFuture<Void> hashed = CompletableFuture.completedFuture(null);
            CompletableFuture<Void> flushed = CompletableFuture.completedFuture(null);
            long flushedUpTo = 0;
            boolean more = n0 == FIRST;
            while (more) {
                byte[] buffer = free.poll();
                if (buffer == null) {
                    if (allocated < IN_FLIGHT) {
                        buffer = new byte[CHUNK];
                        allocated++;
                    } else {
                        buffer = take(free, hashed);
                    }
                }
                int n = content.readNBytes(buffer, 0, CHUNK);
                if (n <= 0) {
                    break;
                }
                size += n;
                if (size > limit) {
                    throw ValidationException.of("file", "file.tooLarge", limit);
                }
                out.write(buffer, 0, n);
                if (size - flushedUpTo >= FLUSH_EVERY && flushed.isDone()) {
                    // start writing back what is written so far, so that the last sync has little left;
                    // a failed write-back is reported here or at the end (the disk tells it only once)
                    awaitFlush(flushed);
                    flushedUpTo = size;
                    flushed = startFlush(channel);
                }
                byte[] chunk = buffer;
                hashed = hashed.thenRunAsync(() -> {
                    sha.update(chunk, 0, n);
                    free.offer(chunk);
                }, hasher);
            }
            awaitFlush(flushed);
            awaitHash(hashed);
            if (size == 0) {
                throw ValidationException.of("file", "file.empty");
            }
            String type = TypeSniffer.sniff(first, Math.min(n0, HEAD_BYTES));
            if (!policy.acceptedTypes().isEmpty() && !policy.acceptedTypes().contains(type)) {
                throw ValidationException.of("file", "file.typeNotAccepted", type, String.join(", ", new TreeSet<>(policy.acceptedTypes())));
            }
            String claimed = TypeSniffer.claimed(name);
            if (!TypeSniffer.consistent(type, claimed)) {
                throw ValidationException.of("file", "file.mislabelled", type, name.substring(name.lastIndexOf('.') + 1));
            }
            staged = true;
            return new Staged(part, channel, new StoredFile(HexFormat.of().formatHex(sha.digest()), size, type, name));
        } finally {
            if (!staged) {
                drop(part, channel);
            }
        }
    }

    @Override
    public List<StoredFile> keep(List<StagedFile> staged) throws IOException {
        List<Staged> files = new ArrayList<>();
        for (StagedFile s : staged) {
            if (!(s instanceof Staged mine)) {
                throw new IllegalArgumentException("not staged by this store: " + s);
            }
            files.add(mine);
        }
        boolean kept = false;
        try {
            // the bytes to the disk, every file at once: the disk takes them together
            together(files, s -> s.channel().force(true));
            for (Staged s : files) {
                s.channel().close();
            }
            // each at its address, then those folders to the disk. A file already there is the same
            // content (its name is its hash): replaced in one rename by the same bytes, not looked for
            // first (one system call less per file; the same content twice is rare)
            java.util.Set<Path> renamedInto = new java.util.LinkedHashSet<>();
            for (Staged s : files) {
                Path target = path(s.file().sha256());
                try {
                    Files.move(s.part(), target, StandardCopyOption.ATOMIC_MOVE);
                    renamedInto.add(target.getParent());
                } catch (FileAlreadyExistsException sameContent) {
                    // a file system whose atomic rename does not replace (not Linux's): the same bytes are there
                    Files.deleteIfExists(s.part());
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the evidence folder " + objects + " cannot rename atomically", e);
                }
            }
            together(new ArrayList<>(renamedInto), this::syncFolder);
            kept = true;
            return files.stream().map(Staged::file).toList();
        } finally {
            if (!kept) {
                discard(staged);
            }
        }
    }

    @Override
    public void discard(List<StagedFile> staged) {
        for (StagedFile s : staged) {
            if (s instanceof Staged mine) {
                drop(mine.part(), mine.channel());
            }
        }
    }

    /** Closes and removes a temporary file (if still there); a failure leaves it for the next start. */
    private static void drop(Path part, FileChannel channel) {
        try {
            channel.close();
            Files.deleteIfExists(part);
        } catch (IOException e) {
            LOG.warn("Could not remove the temporary upload {} (removed at the next start): {}", part, e.toString());
        }
    }

    /** A step on a file or folder that may go to the disk. */
    @FunctionalInterface
    private interface DiskStep<T> {
        void run(T item) throws IOException;
    }

    /**
     * Runs {@code step} on every item at once (all but one on the sync threads, the last here), and
     * waits for all; the first failure is thrown once all are done.
     */
    private <T> void together(List<T> items, DiskStep<T> step) throws IOException {
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (T item : items.subList(0, Math.max(0, items.size() - 1))) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            try {
                syncer.execute(() -> {
                    try {
                        step.run(item);
                        f.complete(null);
                    } catch (Throwable e) {
                        f.completeExceptionally(e);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                step.run(item);
                f.complete(null);
            }
            others.add(f);
        }
        IOException failed = null;
        if (!items.isEmpty()) {
            try {
                step.run(items.get(items.size() - 1));
            } catch (IOException e) {
                failed = e;
            }
        }
        for (CompletableFuture<Void> f : others) {
            try {
                f.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (failed == null) {
                    failed = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** A plain file name: no folder, no control character, not "." or "..", at most 200 characters. */
    static String sanitize(String fileName) {
        String original = fileName == null ? "" : fileName;
        String name = original.strip();
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f) || name.contains(":")) {
            throw ValidationException.of("fileName", "file.nameInvalid", original.replaceAll("\\p{Cntrl}", "?"));
        }
        if (name.length() > MAX_NAME) {
            int dot = name.lastIndexOf('.');
            String ext = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            name = name.substring(0, MAX_NAME - ext.length()) + ext;
        }
        return name;
    }

    /** A buffer back from the hasher; fails rather than waits if hashing stopped (the store is closing). */
    private static byte[] take(java.util.concurrent.BlockingQueue<byte[]> free, CompletableFuture<Void> hashed)
            throws IOException {
        try {
            while (true) {
                byte[] buffer = free.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (buffer != null) {
                    return buffer;
                }
                if (hashed.isCompletedExceptionally()) {
                    awaitHash(hashed);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("upload interrupted");
        }
    }

    private static void awaitHash(CompletableFuture<Void> hashed) throws IOException {
        try {
            hashed.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            throw new IOException("the upload could not be hashed (the evidence store is stopping?)", e);
        }
    }

    private CompletableFuture<Void> startFlush(FileChannel channel) {
        try {
            return CompletableFuture.runAsync(() -> {
                try {
                    channel.force(false);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, hasher);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            return CompletableFuture.completedFuture(null); // the final sync does it all
        }
    }

    private static void awaitFlush(CompletableFuture<Void> flushed) throws IOException {
        try {
            flushed.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException failed) {
                throw new IOException("writing the upload to disk failed", failed.getCause());
            }
            throw e;
        }
    }

    /** Stops the hashing and syncing threads, closes the folders kept open. */
    @org.osgi.service.component.annotations.Deactivate
    public void close() {
        closed = true;
        hasher.shutdown();
        syncer.shutdown();
        for (FileChannel folder : folders.values()) {
            try {
                folder.close();
            } catch (IOException e) {
                LOG.debug("Could not close folder {}: {}", folder, e.getMessage());
            }
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        Path file = path(sha256);
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("no evidence file " + sha256);
        }
        MessageDigest sha = sha256();
        return new FilterInputStream(Files.newInputStream(file)) {
            private boolean checked;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    sha.update((byte) b);
                } else {
                    check();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    sha.update(buf, off, n);
                } else if (n < 0) {
                    check();
                }
                return n;
            }

            private void check() throws IOException {
                if (!checked) {
                    checked = true;
                    String actual = HexFormat.of().formatHex(sha.digest());
                    if (!actual.equals(sha256)) {
                        throw new IOException("evidence file " + sha256 + " is corrupted on disk (its content hashes to " + actual + ")");
                    }
                }
            }
        };
    }

    @Override
    public boolean exists(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    @Override
    public Stream<String> addresses() throws IOException {
        return Files.walk(objects).filter(Files::isRegularFile).map(p -> p.getFileName().toString());
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(path(sha256));
    }

    /** Where a file is stored: {@code objects/<first byte>/<sha256>}. */
    private Path path(String sha256) {
        if (sha256 == null || !ADDRESS.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 address: " + sha256);
        }
        return objects.resolve(sha256.substring(0, 2)).resolve(sha256);
    }


    /**
     * Syncs a folder of {@code objects} through the channel kept open on it (opened the first time).
     * A channel closed by an interrupted thread is dropped (the next sync opens the folder again), and
     * that thread's sync fails.
     */
    private void syncFolder(Path folder) throws IOException {
        if (closed) {
            syncDirectory(folder); // nothing opened after close() would be closed
            return;
        }
        FileChannel channel = folders.get(folder);
        try {
            if (channel == null) {
                FileChannel opened = FileChannel.open(folder, StandardOpenOption.READ);
                channel = folders.putIfAbsent(folder, opened);
                if (channel == null) {
                    channel = opened;
                } else {
                    opened.close();
                }
            }
            channel.force(true);
        } catch (java.nio.channels.ClosedByInterruptException e) {
            folders.remove(folder, channel);
            throw e;
        } catch (java.nio.channels.ClosedChannelException closed) {
            // closed by another thread's interruption, or the store closed meanwhile
            folders.remove(folder, channel);
            syncDirectory(folder);
        } catch (IOException e) {
            // not every file system lets a directory be synced; the rename itself is atomic
            LOG.debug("Cannot sync directory {}: {}", folder, e.getMessage());
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be synced; the rename itself is atomic
            LOG.debug("Cannot sync directory {}: {}", dir, e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
