package org.guichets.portal;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.upload.UploadI18N;
import java.util.List;

/** The upload component's own words, from the portal's resource bundles (French first). */
final class UploadTexts {

    private UploadTexts() {}

    static UploadI18N of(Component c) {
        UploadI18N i18n = new UploadI18N();
        i18n.setAddFiles(new UploadI18N.AddFiles().setOne(c.getTranslation("upload.addOne")).setMany(c.getTranslation("upload.addMany")));
        i18n.setDropFiles(new UploadI18N.DropFiles().setOne(c.getTranslation("upload.dropOne"))
                .setMany(c.getTranslation("upload.dropMany")));
        i18n.setError(new UploadI18N.Error().setTooManyFiles(c.getTranslation("upload.tooMany"))
                .setFileIsTooBig(c.getTranslation("upload.tooBig")).setIncorrectFileType(c.getTranslation("upload.badType")));
        i18n.setUploading(new UploadI18N.Uploading()
                .setStatus(new UploadI18N.Uploading.Status().setConnecting(c.getTranslation("upload.connecting"))
                        .setStalled(c.getTranslation("upload.stalled")).setProcessing(c.getTranslation("upload.processing"))
                        .setHeld(c.getTranslation("upload.held")))
                .setRemainingTime(new UploadI18N.Uploading.RemainingTime().setPrefix(c.getTranslation("upload.remaining"))
                        .setUnknown(c.getTranslation("upload.remainingUnknown")))
                .setError(new UploadI18N.Uploading.Error().setServerUnavailable(c.getTranslation("upload.serverUnavailable"))
                        .setUnexpectedServerError(c.getTranslation("upload.serverError"))
                        .setForbidden(c.getTranslation("upload.forbidden"))));
        i18n.setUnits(new UploadI18N.Units(List.of(c.getTranslation("upload.units").split(","))));
        return i18n;
    }
}
