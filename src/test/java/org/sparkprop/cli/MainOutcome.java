package org.sparkprop.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What one in-process run of the command line ({@link Main#run}) returned and printed. */
record MainOutcome(int status, String out, String err) {

  /** Runs {@code Main.run(args)} in this JVM, capturing its standard output and error. */
  static MainOutcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new MainOutcome(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  static MainOutcome run(List<String> args) {
    return run(args.toArray(String[]::new));
  }
}
