package org.sparkprop.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a file of comma-separated numbers, one sample per line: the label in one column, the
 * features in all the others (in file order). Blank lines are skipped; an optional first line is
 * a header and is skipped too, but its number of names fixes the number of columns.
 *
 * <p>This is deliberately not a general CSV parser (no quoting, no text columns): a training file
 * is a numeric matrix, and every deviation from that is far more likely a mistake than an
 * intention. So each one is an error naming the file, the line, the column and the value, at the
 * first place it happens, rather than a silently dropped row or a NaN that surfaces as a diverged
 * loss hours later.
 */
public final class CsvReader {

  private CsvReader() {}

  /**
   * Reads {@code file}.
   *
   * @param labelColumn 0-based index of the label column; all other columns are features
   * @param header {@code true} if the first line holds column names
   * @throws DataFormatException if the file is missing or empty, a line has the wrong number of
   *     columns, a value is not a number, or a value is NaN or infinite
   */
  public static RawData read(Path file, int labelColumn, boolean header) {
    if (labelColumn < 0) {
      throw new IllegalArgumentException(
          "label column must be >= 0 (0-based), got " + labelColumn + " for " + file);
    }
    if (!Files.exists(file)) {
      throw new DataFormatException("CSV file not found: " + file);
    }
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, file, labelColumn, header);
    } catch (NoSuchFileException e) {
      throw new DataFormatException("CSV file not found: " + file, e);
    } catch (CharacterCodingException e) {
      throw new DataFormatException("CSV file " + file + " is not UTF-8 text", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static RawData parse(BufferedReader reader, Path file, int labelColumn, boolean header)
      throws IOException {
    int columns = -1; // fixed by the header or the first data line
    FloatList features = new FloatList(1 << 12);
    FloatList labels = new FloatList(1 << 10);
    boolean headerPending = header;
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (columns < 0) {
        columns = fields.length;
        checkShape(file, lineNumber, columns, labelColumn);
      } else if (fields.length != columns) {
        throw new DataFormatException(
            file + " line " + lineNumber + ": expected " + columns + " columns, found "
                + fields.length);
      }
      if (headerPending) {
        headerPending = false;
        continue;
      }
      for (int c = 0; c < columns; c++) {
        float v = number(file, lineNumber, c, fields[c]);
        if (c == labelColumn) {
          labels.add(v);
        } else {
          features.add(v);
        }
      }
    }
    if (labels.size() == 0) {
      throw new DataFormatException(
          "CSV file " + file + " is empty: no data lines"
              + (header && columns > 0 ? " after the header" : ""));
    }
    return new RawData(
        features.toArray(), labels.size(), columns - 1, labels.toArray(), file.toString());
  }

  private static void checkShape(Path file, int lineNumber, int columns, int labelColumn) {
    if (columns < 2) {
      throw new DataFormatException(
          file + " line " + lineNumber + ": found " + columns
              + " column, need a label and at least one feature");
    }
    if (labelColumn >= columns) {
      throw new DataFormatException(
          file + " line " + lineNumber + ": label column " + labelColumn + " (0-based) is out of "
              + "range, the file has " + columns + " columns");
    }
  }

  /** Parses one field; {@code column} is 0-based here and reported 1-based. */
  private static float number(Path file, int lineNumber, int column, String field) {
    String text = field.strip();
    float v;
    try {
      if (text.isEmpty()
          || (Character.isLetter(text.charAt(text.length() - 1)) && !isSpecial(text))) {
        // Float.parseFloat accepts Java suffixes such as "1.5f" or "2d": not numbers in a CSV.
        throw new NumberFormatException(text);
      }
      v = Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new DataFormatException(
          file + " line " + lineNumber + ", column " + (column + 1) + ": \"" + field
              + "\" is not a number");
    }
    if (!Float.isFinite(v)) {
      throw new DataFormatException(
          file + " line " + lineNumber + ", column " + (column + 1) + ": value \"" + text
              + "\" is not finite; NaN and infinite values are not allowed");
    }
    return v;
  }

  /** NaN and infinities parse, and are then reported as not finite rather than not numeric. */
  private static boolean isSpecial(String text) {
    return text.equals("NaN") || text.endsWith("Infinity");
  }
}
