package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkprop.spark.LocalSpark;

/**
 * The command line distils a teacher trained by an earlier run into a smaller student on the
 * spirals: the teacher's model directory is read, its soft targets ride beside the shards, and a
 * teacher that cannot teach is refused before any output is written.
 */
class DistilledRunTest {

  @TempDir static Path dir;
  private static Path teacher;

  private static List<String> spirals(String layers, int epochs, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of(MomentumSpirals.trainingArgs()));
    args.addAll(List.of("--set", "layers=" + layers, "--set", "epochs=" + epochs, "--set",
        "partitions=2", "--out", out.toString()));
    for (String e : extra) {
      args.addAll(List.of("--set", e));
    }
    return args;
  }

  @BeforeAll
  static void trainTeacher() {
    LocalSpark.context();
    Path out = dir.resolve("teacher");
    MainOutcome o = MainOutcome.run(spirals("2,32,32,2", 10, out).toArray(String[]::new));
    assertEquals(0, o.status(), o.err());
    teacher = out.resolve("model");
  }

  @Test
  void aStudentLearnsFromTheTeachersSoftTargets() throws IOException {
    Path plain = dir.resolve("plain");
    Path labelsOnly = dir.resolve("alpha0");
    Path distilled = dir.resolve("distilled");
    assertEquals(0, MainOutcome.run(spirals("2,8,2", 5, plain).toArray(String[]::new)).status());
    MainOutcome a0 = MainOutcome.run(spirals("2,8,2", 5, labelsOnly,
        "distill.teacher=" + teacher, "distill.alpha=0").toArray(String[]::new));
    assertEquals(0, a0.status(), a0.err());
    MainOutcome d = MainOutcome.run(spirals("2,8,2", 5, distilled,
        "distill.teacher=" + teacher, "distill.alpha=0.9", "distill.temperature=3")
        .toArray(String[]::new));
    assertEquals(0, d.status(), d.err());
    // alpha = 0 leaves only the labels' term: the same bits as training without a teacher.
    assertArrayEquals(DistilledRuns.theta(plain), DistilledRuns.theta(labelsOnly));
    // The soft term changes the updates.
    assertFalse(Arrays.equals(DistilledRuns.theta(plain), DistilledRuns.theta(distilled)));
    // It learns: the distillation loss falls from the first epoch to the last.
    DistilledRuns.assertLossFalls(distilled, 5);
  }

  @Test
  void aStudentThatCannotLearnSoftTargetsIsRefusedBeforeAnyOutput() {
    Path out = dir.resolve("refused-student");
    MainOutcome o = MainOutcome.run(spirals("2,8,2", 2, out, "distill.teacher=" + teacher,
        "output=sigmoid", "loss=squared", "layers=2,8,1").toArray(String[]::new));
    DistilledRuns.assertRefusedBeforeAnyOutput(o, out, "output=softmax and loss=cross_entropy");
  }

  @Test
  void aMissingTeacherIsNamed() {
    Path out = dir.resolve("no-teacher");
    Path missing = dir.resolve("nowhere");
    MainOutcome o = MainOutcome.run(spirals("2,8,2", 2, out, "distill.teacher=" + missing)
        .toArray(String[]::new));
    DistilledRuns.assertRefusedBeforeAnyOutput(o, out, missing.toString());
  }
}
