package org.sparkprop.report;

import java.util.List;

/**
 * A self-contained HTML page: inline style, images as data URIs, no script and no link to fetch;
 * sections are {@code <section id=...>} with a heading, so that readers (and tests) find them.
 */
final class HtmlPage {

  private final StringBuilder html = new StringBuilder();

  HtmlPage(String title) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(escape(title)).append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:2em auto;max-width:1100px;color:#222;")
        .append("background:#fff}\n")
        .append("section{margin-bottom:2.5em}\nimg{max-width:100%;margin:0.5em 1em 0.5em 0}\n")
        .append("table{border-collapse:collapse;font-size:0.9em}\n")
        .append("td,th{border:1px solid #ccc;padding:0.2em 0.6em;text-align:left}\n")
        .append("td.n{text-align:right}\npre{background:#f6f6f6;padding:0.8em;")
        .append("overflow-x:auto}\n.note{color:#555}\n</style>\n</head>\n<body>\n<h1>")
        .append(escape(title)).append("</h1>\n");
  }

  HtmlPage section(String id, String heading) {
    html.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(heading))
        .append("</h2>\n");
    return this;
  }

  HtmlPage end() {
    html.append("</section>\n");
    return this;
  }

  HtmlPage paragraph(String text) {
    html.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
    return this;
  }

  HtmlPage image(ChartImage image) {
    html.append("<img alt=\"").append(escape(image.alt())).append("\" width=\"")
        .append(image.width()).append("\" height=\"").append(image.height()).append("\" src=\"")
        .append(image.dataUri()).append("\">\n");
    return this;
  }

  HtmlPage preformatted(String text) {
    html.append("<pre>").append(escape(text)).append("</pre>\n");
    return this;
  }

  /** A table; cells that parse as numbers are right-aligned. */
  HtmlPage table(List<String> header, List<List<String>> rows) {
    html.append("<table>\n<tr>");
    header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
    html.append("</tr>\n");
    for (List<String> row : rows) {
      html.append("<tr>");
      for (String cell : row) {
        html.append(numeric(cell) ? "<td class=\"n\">" : "<td>").append(escape(cell))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
    return this;
  }

  String finish() {
    return html.append("</body>\n</html>\n").toString();
  }

  private static boolean numeric(String s) {
    return s.matches("-?[0-9][0-9.,eE+-]*");
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
