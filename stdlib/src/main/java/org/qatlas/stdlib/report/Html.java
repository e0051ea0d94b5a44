package org.qatlas.stdlib.report;

/**
 * Escaping for HTML. Every text a report shows goes through {@link #text}, so a name or a note
 * that holds markup ({@code <script>}, {@code "onload=...}) shows as the characters it is.
 */
final class Html {
    private Html() {
    }

    /**
     * Text safe inside an element or a quoted attribute: the five characters that can end or
     * open markup become entities, and control characters other than tab and line breaks,
     * which HTML does not allow, become the replacement character.
     */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
