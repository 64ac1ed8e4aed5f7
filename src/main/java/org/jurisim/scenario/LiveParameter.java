package org.jurisim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A scenario parameter that may change while a model runs (marked {@code x-live} in the schema): by a
 * dated {@code set} event, or by a dashboard intervention. Type and range come from the schema.
 *
 * @param type {@code integer}, {@code number}, {@code boolean} or {@code enum}
 */
public record LiveParameter(String path, String type, Double min, Double max, List<String> values, String unit,
                            String description) {

    public LiveParameter {
        values = List.copyOf(values);
    }

    /** Why a value is not valid for this parameter, or empty when it is. */
    public Optional<String> check(JsonNode v) {
        switch (type) {
            case "boolean":
                return v.isBoolean() ? Optional.empty() : Optional.of("expected true or false, found " + YamlDocument.describe(v));
            case "enum":
                return v.isTextual() && values.contains(v.asText()) ? Optional.empty()
                        : Optional.of("expected one of " + String.join(", ", values) + ", found " + YamlDocument.describe(v)
                        + (v.isTextual() ? org.jurisim.common.Suggest.hint(v.asText(), values) : ""));
            case "integer":
                if (!v.isIntegralNumber()) {
                    return Optional.of("expected an integer, found " + YamlDocument.describe(v));
                }
                break;
            default:
                if (!v.isNumber()) {
                    return Optional.of("expected a number, found " + YamlDocument.describe(v));
                }
        }
        double d = v.asDouble();
        if (min != null && d < min) {
            return Optional.of("expected a number >= " + fmt(min) + ", found " + v.asText());
        }
        if (max != null && d > max) {
            return Optional.of("expected a number <= " + fmt(max) + ", found " + v.asText());
        }
        return Optional.empty();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
