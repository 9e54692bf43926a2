package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "evidence_file")
public class EvidenceFileEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "guichets_id")
    public Long id;
    @Column(name = "candidature_id")
    public long candidatureId;
    @Column(name = "chapter_id")
    public String chapterId;
    @Column(name = "requirement_ref")
    public String requirementRef;
    @Column(name = "evidence_id")
    public String evidenceId;
    @Column(name = "file_name")
    public String fileName;
    @Column(name = "media_type")
    public String mediaType;
    @Column(name = "file_size")
    public long size;
    public String sha256;
    @Column(name = "uploaded_at")
    public OffsetDateTime uploadedAt;
    @Column(name = "uploaded_by")
    public long uploadedBy;
    /** A {@code Verdict} name, or null before review. */
    public String verdict;
    @Column(name = "verdict_comment")
    public String verdictComment;
    /** JSON list of what the scheme's checks found on upload, or {@code null}. */
    @Column(name = "check_results")
    public String checkResults;
    @Column(name = "reviewed_by")
    public Long reviewedBy;
    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;
}
