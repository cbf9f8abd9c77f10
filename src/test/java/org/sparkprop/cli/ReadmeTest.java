package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sparkprop.optim.Optimizers;

/** The README's tables list what the code knows. */
class ReadmeTest {

  @Test
  void everyOptimizerIsDocumented() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(readme.contains(Optimizers.markdownTable()), "README's optimizer table is stale");
  }
}
