package org.guichets.signing.internal;

import java.time.Instant;
import java.util.List;
import org.guichets.api.deliverable.DeliverableContent;
import org.guichets.api.deliverable.DeliverableContent.Line;

/** Deliverables to render in the tests. */
final class Samples {

    static final String ISSUER = "Agence du Numérique en Santé";
    static final String ID = "HAB-2026-000042";
    static final String URL = "https://guichets.example.org/verification/HAB-2026-000042";
    static final Instant ISSUED = Instant.parse("2026-03-02T09:30:00Z");
    static final Instant EXPIRES = Instant.parse("2029-03-01T23:00:00Z");

    private Samples() {}

    /** An authorisation whose text needs more than Latin-1: ’ « » œ € É. */
    static DeliverableContent authorisation() {
        return content(List.of(
                new Line("Éditeur", "Société d’Études Médicales"),
                new Line("Logiciel", "Dossier Patient 4.2"),
                new Line("Frais d’instruction", "1 250 €"),
                new Line("Mise en œuvre", "Les tests de mise en œuvre se déroulent sur l’environnement"
                        + " « Espace de Confiance » pendant trois mois.")));
    }

    static DeliverableContent content(List<Line> lines) {
        return new DeliverableContent(ID, "autorisation", "Autorisation d’accès au banc de test",
                "Dispositif « Espace de Confiance »", "Guichet de l’Agence",
                "La présente autorisation permet à l’éditeur d’accéder aux services de test du dispositif, dans le"
                        + " respect des conditions générales d’utilisation et de la politique de sécurité en vigueur.",
                lines, ISSUED, EXPIRES, URL);
    }
}
