package org.guichets.evidence.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.guichets.api.error.ValidationException;
import org.guichets.api.evidence.StagedFile;
import org.guichets.api.evidence.StoredFile;
import org.guichets.api.evidence.UploadPolicy;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** R-16 evidence files: streamed, hashed, checked, atomically stored. */
public class FileEvidenceStoreTest {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final UploadPolicy ANY = new UploadPolicy(0, Set.of());
    private static final UploadPolicy PDF_ONLY = new UploadPolicy(0, Set.of("application/pdf"));

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path root;
    private FileEvidenceStore store;

    @Before
    public void open() throws IOException {
        root = tmp.newFolder("evidence").toPath();
        store = new FileEvidenceStore(root, 10 * 1024 * 1024);
    }

    private long filesUnder(String dir) throws IOException {
        try (Stream<Path> s = Files.walk(root.resolve(dir))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    public void storesByContentAndReadsBackTheSameBytes() throws Exception {
        StoredFile f = store.store(new ByteArrayInputStream(PDF), "rapport.pdf", PDF_ONLY);
        assertEquals(sha256(PDF), f.sha256());
        assertEquals(PDF.length, f.size());
        assertEquals("application/pdf", f.mediaType());
        assertEquals("rapport.pdf", f.fileName());
        try (InputStream in = store.open(f.sha256())) {
            assertArrayEquals(PDF, in.readAllBytes());
        }
        StoredFile again = store.store(new ByteArrayInputStream(PDF), "copie.pdf", PDF_ONLY);
        assertEquals("identical content is kept once", f.sha256(), again.sha256());
        assertEquals(1, filesUnder("objects"));
        assertEquals(0, filesUnder("tmp"));
    }

    @Test
    public void aLargeUploadIsStreamedNotHeld() throws Exception {
        // past the size at which written bytes start going to the disk while the upload goes on
        long size = FileEvidenceStore.FLUSH_EVERY + 8L * 1024 * 1024 + 17;
        InputStream generated = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
        store = new FileEvidenceStore(root, 1L << 30);
        StoredFile f = store.store(generated, "journal.txt", ANY);
        assertEquals(size, f.size());
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, (byte) 'a');
        for (long left = size; left > 0; left -= block.length) {
            expected.update(block, 0, (int) Math.min(block.length, left));
        }
        assertEquals(HexFormat.of().formatHex(expected.digest()), f.sha256());
        assertEquals("text/plain", f.mediaType());
        assertEquals(size, Files.size(root.resolve("objects").resolve(f.sha256().substring(0, 2)).resolve(f.sha256())));
    }

    @Test
    public void everySizeAroundTheReadsIsHashedAndKeptWhole() throws Exception {
        java.util.Random random = new java.util.Random(16);
        int first = FileEvidenceStore.FIRST;
        int chunk = FileEvidenceStore.CHUNK;
        for (int size : new int[] {1, first - 1, first, first + 1, first + chunk, first + chunk + 1, first + 9 * chunk + 5}) {
            byte[] text = new byte[size];
            for (int i = 0; i < size; i++) {
                text[i] = (byte) ('a' + random.nextInt(26));
            }
            // a stream that hands out a few bytes at a time, as a network upload does
            InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(text)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return super.read(b, off, Math.min(len, 1000 + random.nextInt(5000)));
                }
            };
            StoredFile f = store.store(trickle, "notes-" + size + ".txt", ANY);
            assertEquals("size " + size, sha256(text), f.sha256());
            assertEquals(size, f.size());
            try (InputStream in = store.open(f.sha256())) {
                assertArrayEquals("size " + size, text, in.readAllBytes());
            }
        }
        assertEquals(0, filesUnder("tmp"));
        assertEquals(7, filesUnder("objects"));
    }

    @Test
    public void filesKeptInTheEarlierTwoLevelLayoutAreMovedUpOnceAtStartThenReadKeptOnceAndDeleted() throws Exception {
        String sha = sha256(PDF);
        Path legacy = root.resolve("objects").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
        byte[] other = "%PDF-1.7\n% un autre\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        String otherSha = store.store(new ByteArrayInputStream(other), "autre.pdf", PDF_ONLY).sha256();
        Path otherLegacy = root.resolve("objects").resolve(otherSha.substring(0, 2)).resolve(otherSha.substring(2, 4))
                .resolve(otherSha);
        Files.createDirectories(legacy.getParent());
        Files.write(legacy, PDF);
        Files.createDirectories(otherLegacy.getParent());
        Files.write(otherLegacy, other); // also kept in the current layout already
        new FileEvidenceStore(root, 1024);
        assertTrue("a store marked current does not look for the earlier layout", Files.exists(legacy));

        Files.delete(root.resolve(FileEvidenceStore.LAYOUT)); // as an earlier build left it
        FileEvidenceStore restarted = new FileEvidenceStore(root, 1024);
        assertTrue(Files.exists(root.resolve(FileEvidenceStore.LAYOUT)));
        assertFalse("moved up", Files.exists(legacy.getParent()));
        assertFalse("the deeper copy of a file already in place is dropped", Files.exists(otherLegacy.getParent()));
        assertTrue(Files.isRegularFile(root.resolve("objects").resolve(sha.substring(0, 2)).resolve(sha)));
        assertTrue(restarted.exists(sha));
        try (InputStream in = restarted.open(sha)) {
            assertArrayEquals(PDF, in.readAllBytes());
        }
        try (InputStream in = restarted.open(otherSha)) {
            assertArrayEquals(other, in.readAllBytes());
        }
        StoredFile again = restarted.store(new ByteArrayInputStream(PDF), "copie.pdf", PDF_ONLY);
        assertEquals(sha, again.sha256());
        assertEquals("the same content is not stored a second time", 2, filesUnder("objects"));
        restarted.delete(sha);
        assertFalse(restarted.exists(sha));
        assertEquals(1, filesUnder("objects"));
    }

    @Test
    public void stagedFilesAreNowhereUntilKeptTogetherAndDiscardedLeaveNothing() throws Exception {
        byte[] other = "%PDF-1.7\n% un autre\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        java.util.List<StagedFile> staged = java.util.List.of(
                store.stage(new ByteArrayInputStream(PDF), "a.pdf", PDF_ONLY),
                store.stage(new ByteArrayInputStream(other), "b.pdf", PDF_ONLY),
                store.stage(new ByteArrayInputStream(PDF), "a-copie.pdf", PDF_ONLY));
        assertEquals(sha256(PDF), staged.get(0).file().sha256());
        assertFalse("not at its address before it is kept", store.exists(staged.get(0).file().sha256()));
        assertEquals(0, filesUnder("objects"));
        assertEquals(3, filesUnder("tmp"));
        java.util.List<StoredFile> kept = store.keep(staged);
        assertEquals(java.util.List.of("a.pdf", "b.pdf", "a-copie.pdf"), kept.stream().map(StoredFile::fileName).toList());
        assertEquals("the same content twice is kept once", 2, filesUnder("objects"));
        assertEquals(0, filesUnder("tmp"));
        try (InputStream in = store.open(kept.get(1).sha256())) {
            assertArrayEquals(other, in.readAllBytes());
        }

        byte[] third = "%PDF-1.7\n% un troisieme\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        java.util.List<StagedFile> dropped = java.util.List.of(store.stage(new ByteArrayInputStream(third), "c.pdf", PDF_ONLY));
        store.discard(dropped);
        assertEquals(0, filesUnder("tmp"));
        assertFalse(store.exists(sha256(third)));
        assertThrows("a refused stage leaves no temporary file", ValidationException.class,
                () -> store.stage(new ByteArrayInputStream(PNG), "image.pdf", PDF_ONLY));
        assertEquals(0, filesUnder("tmp"));
    }

    @Test
    public void theFirstByteFoldersAreMadeOnceAtStart() throws Exception {
        try (Stream<Path> folders = Files.list(root.resolve("objects"))) {
            assertEquals(256, folders.filter(Files::isDirectory).count());
        }
        StoredFile f = store.store(new ByteArrayInputStream(PDF), "rapport.pdf", PDF_ONLY);
        assertTrue(Files.isRegularFile(root.resolve("objects").resolve(f.sha256().substring(0, 2)).resolve(f.sha256())));
        new FileEvidenceStore(root, 1024); // a restart keeps what is there
        assertTrue(store.exists(f.sha256()));
    }

    @Test(timeout = 30_000)
    public void anUploadUnderWayWhenTheStoreStopsFailsInsteadOfHanging() throws Exception {
        long size = 64L * 1024 * 1024;
        InputStream stopping = new InputStream() {
            long sent;

            @Override
            public int read() {
                return sent++ < size ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent >= size) {
                    return -1;
                }
                if (sent >= 2 * 1024 * 1024 && sent - len < 2 * 1024 * 1024) {
                    store.close(); // the framework stops the bundle while the upload goes on
                }
                int n = (int) Math.min(len, size - sent);
                java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                sent += n;
                return n;
            }
        };
        store = new FileEvidenceStore(root, 1L << 30);
        assertThrows(IOException.class, () -> store.store(stopping, "journal.txt", ANY));
        assertEquals("no half file left", 0, filesUnder("tmp"));
        assertEquals(0, filesUnder("objects"));
    }

    @Test
    public void anOversizedFileIsRefusedAndLeavesNothing() throws Exception {
        byte[] big = new byte[2048];
        java.util.Arrays.fill(big, (byte) 'x');
        ValidationException e = assertThrows(ValidationException.class,
                () -> store.store(new ByteArrayInputStream(big), "big.txt", new UploadPolicy(1024, Set.of())));
        assertEquals("file.tooLarge", e.errors().get(0).code());
        assertEquals("Le fichier dépasse la taille maximale de 1024 octets.", e.errors().get(0).message(Locale.FRENCH));
        assertEquals(0, filesUnder("tmp"));
        assertEquals(0, filesUnder("objects"));
    }

    @Test
    public void anEmptyFileIsRefused() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> store.store(new ByteArrayInputStream(new byte[0]), "vide.pdf", ANY));
        assertEquals("file.empty", e.errors().get(0).code());
    }

    @Test
    public void aTypeTheEvidenceDoesNotAcceptIsRefused() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> store.store(new ByteArrayInputStream(PNG), "capture.png", PDF_ONLY));
        assertEquals("file.typeNotAccepted", e.errors().get(0).code());
        assertEquals(java.util.List.of("image/png", "application/pdf"), e.errors().get(0).params());
    }

    @Test
    public void aFileWhoseNameLiesAboutItsContentIsRefused() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> store.store(new ByteArrayInputStream(PNG), "rapport.pdf", ANY));
        assertEquals("file.mislabelled", e.errors().get(0).code());
        assertTrue(e.errors().get(0).message(Locale.ENGLISH).contains("image/png"));
    }

    @Test
    public void pathTraversalAndControlCharactersInNamesAreRefused() {
        for (String name : new String[] {"../../etc/passwd", "..\\..\\boot.ini", "C:\\x.pdf", "a/b.pdf", "..", "", "  ",
                "bad\u0000name.pdf", "line\nbreak.pdf"}) {
            ValidationException e = assertThrows(name, ValidationException.class,
                    () -> store.store(new ByteArrayInputStream(PDF), name, ANY));
            assertEquals(name, "file.nameInvalid", e.errors().get(0).code());
        }
    }

    @Test
    public void aVeryLongNameIsShortenedKeepingItsExtension() {
        String name = "r".repeat(300) + ".pdf";
        String kept = FileEvidenceStore.sanitize(name);
        assertEquals(200, kept.length());
        assertTrue(kept.endsWith(".pdf"));
    }

    @Test
    public void aCrashedUploadLeavesNothingAfterRestart() throws Exception {
        // where this build stages uploads (tmp/0 to tmp/f), and where an earlier one did (tmp)
        Files.write(root.resolve("tmp").resolve("7").resolve("interrupted.part"), new byte[] {1, 2, 3});
        Files.write(root.resolve("tmp").resolve("interrupted.part"), new byte[] {1, 2, 3});
        assertEquals(2, filesUnder("tmp"));
        new FileEvidenceStore(root, 1024);
        assertEquals(0, filesUnder("tmp"));
    }

    @Test
    public void aFailingUploadStreamLeavesNothing() throws IOException {
        InputStream broken = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 100) {
                    throw new IOException("connection reset");
                }
                return 'a';
            }
        };
        assertThrows(IOException.class, () -> store.store(broken, "x.txt", ANY));
        assertEquals(0, filesUnder("tmp"));
    }

    @Test
    public void aFileAlteredOnDiskIsDetectedWhenRead() throws Exception {
        StoredFile f = store.store(new ByteArrayInputStream(PDF), "rapport.pdf", ANY);
        Path file = root.resolve("objects").resolve(f.sha256().substring(0, 2)).resolve(f.sha256());
        Files.write(file, "%PDF-forged".getBytes(StandardCharsets.US_ASCII));
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = store.open(f.sha256())) {
                in.readAllBytes();
            }
        });
        assertTrue(e.getMessage(), e.getMessage().contains("corrupted"));
    }

    @Test
    public void sniffsTypesFromContent() throws Exception {
        assertEquals("application/json", sniff("  {\"status\": \"FINISHED\"}"));
        assertEquals("text/plain", sniff("Bonjour, voilà du texte accentué."));
        assertEquals("image/jpeg", TypeSniffer.sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}, 4));
        assertEquals("image/png", TypeSniffer.sniff(PNG, PNG.length));
        assertEquals("application/octet-stream", TypeSniffer.sniff(new byte[] {0, 1, 2, 3}, 4));
        ByteArrayOutputStream docx = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(docx)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = docx.toByteArray();
        assertEquals(TypeSniffer.DOCX, TypeSniffer.sniff(bytes, bytes.length));
        assertEquals(TypeSniffer.DOCX, store.store(new ByteArrayInputStream(bytes), "modèle complété.docx", ANY).mediaType());
    }

    private static String sniff(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return TypeSniffer.sniff(b, b.length);
    }
}
