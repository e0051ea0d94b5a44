package org.qatlas.interpreter.laws;

import java.util.ArrayList;
import java.util.List;
import org.qatlas.stdlib.law.Parameter;
import org.qatlas.stdlib.text.NumberText;

/** How a law reads when printed: its signature with the current parameter values, and its fit's report. */
public final class LawText {
    private LawText() {
    }

    /** "<law chen(N, D, G; k = 0.1, gN > 0 = 0.2)>", with "fitted" when the values come from a fit. */
    public static String signature(LawDefinition law) {
        List<String> parameters = new ArrayList<>();
        for (int i = 0; i < law.parameterCount(); i++) {
            Parameter parameter = law.parameters().get(i);
            String bound = parameter.bounded() ? " > " + NumberText.format(parameter.lowerBound()) : "";
            // Fitted values are shown to four significant digits, as the fit's report does.
            String value = law.fit() == null ? NumberText.format(law.values()[i]) : fourDigits(law.values()[i]);
            parameters.add(parameter.name() + bound + " = " + value);
        }
        String variables = String.join(", ", law.variables());
        String rest = parameters.isEmpty() ? "" : "; " + String.join(", ", parameters);
        return "<" + (law.fit() != null ? "fitted " : "") + "law " + law.name() + "(" + variables + rest + ")>";
    }

    /** How print shows a law: its signature, and for a fitted law the report of its fit. */
    public static String text(LawDefinition law) {
        String signature = signature(law);
        FitSummary summary = law.fit();
        if (summary == null) {
            return signature;
        }
        String target = summary.target() == null ? "" : " to " + summary.target();
        return signature + "\nfitted" + target + ":\n" + summary.fit().table();
    }

    private static String fourDigits(double value) {
        return NumberText.format(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.4g", value)));
    }
}
