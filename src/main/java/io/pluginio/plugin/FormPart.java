package io.pluginio.plugin;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/**
 * One field of a form body ({@link Request#formData()}): a text field, or a file of a {@code
 * multipart/form-data} body. Immutable.
 */
public final class FormPart {

    private final String name;

    private final byte[] content;

    private final @Nullable String filename;

    private final @Nullable MediaType contentType;

    /**
     * A part.
     *
     * @param name the field name
     * @param content the field's bytes; copied
     * @param filename the file name of a file part, {@code null} for a text field
     * @param contentType the part's own {@code Content-Type}, if it declared one
     */
    public FormPart(String name, byte[] content, @Nullable String filename, @Nullable MediaType contentType) {
        this.name = Objects.requireNonNull(name, "name");
        this.content = content.clone();
        this.filename = filename;
        this.contentType = contentType;
    }

    /** A text field. */
    public static FormPart text(String name, String value) {
        return new FormPart(name, value.getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** The field name. */
    public String name() {
        return name;
    }

    /** Whether this part is a file (it has a file name). */
    public boolean isFile() {
        return filename != null;
    }

    /** The file name of a file part. */
    public Optional<String> filename() {
        return Optional.ofNullable(filename);
    }

    /** The part's own {@code Content-Type}, if it declared one. */
    public Optional<MediaType> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** The part's bytes (a copy). */
    public byte[] content() {
        return content.clone();
    }

    /** The part's content as text, decoded with the charset of its content type, else UTF-8. */
    public String value() {
        Charset charset = contentType != null && contentType.getCharset() != null
                ? contentType.getCharset()
                : StandardCharsets.UTF_8;
        return new String(content, charset);
    }

    @Override
    public String toString() {
        return "FormPart[name=" + name + (isFile() ? ", filename=" + filename : "") + ", " + content.length + " bytes]";
    }
}
