package org.guichets.edcpsc.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.guichets.api.LocalizedText;
import org.guichets.api.audit.AuditTrail;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.FieldError;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.guichets.api.reference.ReferenceEntry;
import org.guichets.api.reference.ReferenceList;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PASSI-qualified providers whose pen tests the scheme accepts (R-20): reference data an
 * administrator replaces. The list ships with the plugin; once replaced it is kept in
 * {@code <data>/edc-psc/passi-providers.csv} (UTF-8, {@code nom;siren;qualifie_jusqu_au}), which
 * survives upgrades of the plugin; if that file cannot be read, no provider is accepted (and the
 * log says why) rather than the shipped list coming back. Thread-safe: readers see one whole list
 * or the next.
 */
@Component(service = {ReferenceList.class, PassiProviders.class}, property = ReferenceList.ID + "=" + PassiProviders.ID)
public final class PassiProviders implements ReferenceList {

    static final String ID = "edc-psc.passi-providers";
    private static final Logger LOG = LoggerFactory.getLogger(PassiProviders.class);
    private static final String DEFAULTS = "passi-providers.csv";
    private static final String HEADER = "nom;siren;qualifie_jusqu_au";
    /** Legal forms and words that do not tell two providers apart. */
    private static final Pattern NOISE = Pattern.compile("\\b(sas|sasu|sarl|sa|eurl|scop|group|groupe|france|societe)\\b");
    private static final int MAX_ENTRIES = 2000;
    /** Line breaks and other control characters: never in a name, they would break the stored file. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final Path file;
    private final AuditTrail audit;
    private volatile List<ReferenceEntry> entries;

    @Activate
    public PassiProviders(BundleContext context, @Reference AuditTrail audit) {
        this(storage(context), audit);
    }

    PassiProviders(Path file, AuditTrail audit) {
        this.file = file;
        this.audit = audit;
        this.entries = load();
    }

    private static Path storage(BundleContext context) {
        String data = context.getProperty("guichets.data.dir");
        return data != null && !data.isBlank()
                ? Path.of(data).resolve("edc-psc").resolve("passi-providers.csv")
                : context.getDataFile("passi-providers.csv").toPath();
    }

    private List<ReferenceEntry> load() {
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                return parse(in, file.toString());
            } catch (IOException | IllegalArgumentException e) {
                // never fall back to the shipped list: it may name providers an administrator removed
                LOG.error("The PASSI provider list {} cannot be read ({}): no provider is accepted until an administrator "
                        + "replaces the list or repairs the file", file, e.getMessage());
                return List.of();
            }
        }
        try (InputStream in = PassiProviders.class.getResourceAsStream(DEFAULTS)) {
            return parse(in, DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ReferenceEntry> parse(InputStream in, String where) throws IOException {
        List<ReferenceEntry> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || Texts.key(HEADER).equals(Texts.key(l))) {
                continue;
            }
            String[] cells = l.split(";", -1);
            String name = cells[0].strip();
            String id = cells.length > 1 && !cells[1].isBlank() ? cells[1].strip() : null;
            LocalDate until = null;
            if (cells.length > 2 && !cells[2].isBlank()) {
                try {
                    until = LocalDate.parse(cells[2].strip());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(where + " line " + n + ": not a date (YYYY-MM-DD): " + cells[2].strip());
                }
            }
            out.add(new ReferenceEntry(name, id, until));
        }
        return List.copyOf(out);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public LocalizedText title() {
        return Texts.of("Prestataires d'audit qualifiés PASSI (tests d'intrusion EDC PSC)",
                "PASSI-qualified audit providers (EDC PSC penetration tests)");
    }

    @Override
    public List<ReferenceEntry> entries() {
        return entries;
    }

    @Override
    public synchronized List<ReferenceEntry> replace(Actor actor, List<ReferenceEntry> replacement) {
        if (actor == null || !actor.has(PlatformRole.ADMIN)) {
            throw new AccessDeniedException("access.denied");
        }
        List<FieldError> errors = new ArrayList<>();
        List<ReferenceEntry> cleaned = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<ReferenceEntry> given = replacement == null ? List.of() : replacement;
        if (given.isEmpty() || given.size() > MAX_ENTRIES) {
            errors.add(FieldError.of("entries", "reference.size", MAX_ENTRIES));
        }
        for (int i = 0; i < given.size(); i++) {
            ReferenceEntry e = given.get(i);
            if (e == null) {
                errors.add(FieldError.of("entries." + i + ".name", "reference.name"));
                continue;
            }
            String name = e.name().strip().replace(";", ",");
            if (name.isEmpty() || name.length() > 300 || CONTROL.matcher(name).find()
                    || (e.identifier() != null && CONTROL.matcher(e.identifier()).find())) {
                errors.add(FieldError.of("entries." + i + ".name", "reference.name"));
            } else if (!seen.add(normalized(name))) {
                errors.add(FieldError.of("entries." + i + ".name", "reference.duplicate", name));
            }
            String id = e.identifier() == null || e.identifier().isBlank() ? null : e.identifier().strip().replace(";", ",");
            cleaned.add(new ReferenceEntry(name, id, e.validUntil()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (ReferenceEntry e : cleaned) {
            csv.append(e.name()).append(';').append(e.identifier() == null ? "" : e.identifier()).append(';')
                    .append(e.validUntil() == null ? "" : e.validUntil().toString()).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "passi-providers", ".tmp");
            Files.writeString(tmp, csv, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the PASSI provider list in " + file, e);
        }
        List<ReferenceEntry> before = entries;
        entries = List.copyOf(cleaned);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("entries", cleaned.size());
        details.put("added", cleaned.stream().map(ReferenceEntry::name).filter(n -> before.stream().noneMatch(b -> b.name().equals(n))).toList());
        details.put("removed", before.stream().map(ReferenceEntry::name).filter(n -> cleaned.stream().noneMatch(c -> c.name().equals(n))).toList());
        audit.record(actor, "reference.replaced", "reference", ID, details);
        LOG.info("PASSI provider list replaced by account {}: {} entries", actor.accountId(), cleaned.size());
        return entries;
    }

    /** The provider {@code auditor} names, qualified on {@code day}, or the reason why there is none. */
    Optional<ReferenceEntry> find(String auditor) {
        String wanted = normalized(auditor);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        return entries.stream().filter(e -> normalized(e.name()).equals(wanted)
                || (e.identifier() != null && Texts.key(e.identifier()).equals(Texts.key(auditor)))).findFirst();
    }

    /** A provider's name compared without case, accents, punctuation nor legal form. */
    static String normalized(String name) {
        String n = Texts.plain(name).replaceAll("[^a-z0-9]+", " ");
        return NOISE.matcher(n).replaceAll(" ").replaceAll("\\s+", "");
    }
}
