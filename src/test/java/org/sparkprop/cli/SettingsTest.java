package org.sparkprop.cli;

import org.sparkprop.data.DataSources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkprop.nn.CrossEntropy;
import org.sparkprop.nn.SquaredError;
import org.sparkprop.train.DataConfig;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Mode;
import org.sparkprop.train.Settings;

class SettingsTest {

  private static String error(String... overrides) {
    Settings s = Settings.defaults();
    for (String o : overrides) {
      s = s.withOverride(o, "--set");
    }
    Settings settings = s;
    return assertThrows(IllegalArgumentException.class, () -> JobConfig.from(settings)).getMessage();
  }

  @Test
  void defaultsMakeAValidJob() {
    JobConfig job = JobConfig.from(Settings.defaults());
    assertEquals(Mode.MINIBATCH, job.mode());
    assertEquals(new CrossEntropy(), job.network().loss());
    assertEquals(DataConfig.Format.SYNTHETIC, job.data().format());
    assertEquals("spirals", job.data().train());
  }

  @Test
  void fileThenOverrides(@TempDir Path dir) throws IOException {
    Path conf = dir.resolve("job.conf");
    Files.writeString(conf, "# comment\nlayers = 4, 8, 3\nstepSize = 0.05\noutput = sigmoid\n");
    assertEquals("0.05", Settings.defaults().withFile(conf).get("stepSize"));
    Settings s = Settings.defaults().withFile(conf).withOverride("stepSize=0.5", "--set");
    JobConfig job = JobConfig.from(s);
    assertEquals(3, job.network().sizes().length);
    assertEquals("Adam(stepSize=0.5, beta1=0.9, beta2=0.999, epsilon=1e-8)",
        job.optimizerDescription());
    assertEquals(new SquaredError(), job.network().loss(), "auto loss for sigmoid output");
    assertEquals("--set", s.origin("stepSize"));
    assertEquals(conf.toString(), s.origin("layers"));
    assertEquals("default", s.origin("epochs"));
  }

  @Test
  void sparkPropertiesAreSettingsBetweenTheFileAndOverrides() {
    System.setProperty("spark.sparkprop.epochs", "3");
    System.setProperty("spark.sparkprop.stepSize", "0.5");
    try {
      Settings s = Main.parse(new String[] {"--set", "stepSize=0.25"}).settings();
      assertEquals("3", s.get("epochs"));
      assertEquals("--conf spark.sparkprop.epochs", s.origin("epochs"));
      assertEquals("0.25", s.get("stepSize"), "--set wins over --conf");
      System.setProperty("spark.sparkprop.epochz", "3");
      String m = assertThrows(IllegalArgumentException.class,
          () -> Main.parse(new String[0])).getMessage();
      assertTrue(m.contains("unknown setting 'epochz'") && m.contains("did you mean 'epochs'"), m);
    } finally {
      System.clearProperty("spark.sparkprop.epochs");
      System.clearProperty("spark.sparkprop.stepSize");
      System.clearProperty("spark.sparkprop.epochz");
    }
  }

  @Test
  void unknownNameSuggestsTheNearest() {
    String m = assertThrows(IllegalArgumentException.class,
        () -> Settings.defaults().withOverride("stepsize=1", "--set")).getMessage();
    assertTrue(m.contains("unknown setting 'stepsize'") && m.contains("did you mean 'stepSize'"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> Settings.defaults().withOverride("batchSzie=3", "--set")).getMessage();
    assertTrue(m.contains("did you mean 'batchSize'"), m);
  }

  @Test
  void missingConfigFileNamesThePath(@TempDir Path dir) {
    Path missing = dir.resolve("nope.conf");
    String m = assertThrows(IllegalArgumentException.class,
        () -> Settings.defaults().withFile(missing)).getMessage();
    assertTrue(m.contains(missing.toString()) && m.contains("does not exist"), m);
  }

  @Test
  void malformedOverride() {
    String m = assertThrows(IllegalArgumentException.class,
        () -> Settings.defaults().withOverride("stepSize", "--set")).getMessage();
    assertTrue(m.contains("name=value"), m);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "stepSize=0|setting stepSize is '0'; it must be a finite number > 0, or auto",
      "stepSize=-1|setting stepSize is '-1'; it must be a finite number > 0, or auto",
      "stepSize=abc|setting stepSize is 'abc'; it must be a finite number > 0, or auto",
      "stepSize=NaN|setting stepSize is 'NaN'",
      "optimizer=adam;beta1=1|setting beta1 is '1'; it must be a number in [0, 1), or auto",
      "optimizer=adam;momentum=0.5|setting momentum is '0.5'; it must be auto: adam does not",
      "optimizer=sgdd|setting optimizer is 'sgdd'; it must be one of sgd, momentum",
      "optimizer=lbfgs|setting mode is 'minibatch'; it must be batch (or auto) with optimizer",
      "optimizer=lbfgs;mode=batch;stepSize=0.1|setting stepSize is '0.1'; it must be auto with",
      "schedule=linear|setting schedule is 'linear'; it must be one of constant, step, exponential",
      "schedule=step;scheduleGamma=2|setting scheduleGamma",
      "patience=3|setting patience is '3'; it must be 0 when there is no validation set",
      "validationFraction=1|setting validationFraction is '1'; it must be a number in [0, 1)",
      "l2=-0.1|setting l2 is '-0.1'; it must be a finite number >= 0",
      "clipNorm=x|setting clipNorm is 'x'",
      "init=lecun|setting init is 'lecun'; it must be one of auto, xavier, xavier_normal, he,",
      "init=uniform;initRange=0|setting initRange is '0'; it must be a finite number > 0",
      "inputNoise=-1|setting inputNoise is '-1'; it must be a finite number >= 0",
      "inputNoise=0.1;augment.noise=0.2|setting inputNoise is '0.1'; it must be the value of"
          + " augment.noise (0.2), or unset",
      "augment.flip=true|setting data.imageShape is ''; it must be HEIGHTxWIDTHxCHANNELS",
      "layers=16,4,2;data.imageShape=4x4x3;augment.flip=true|setting data.imageShape is"
          + " '4x4x3'; it must be a shape of 16 values",
      "augment.crop=4|setting augment.crop is '4'; it must be empty, or PAD:SIZE",
      "layers=16,4,2;data.imageShape=4x4x1;augment.shift=4|setting augment.shift is 4; for"
          + " images of 4x4x1 it must be in [0, 3]",
      "layers=16,4,2;data.imageShape=4x4x1;augment.crop=1:7|setting augment.crop is 1:7; for"
          + " images of 4x4x1 the size must be in [1, 6]",
      "augment.rotate=200|setting augment.rotate is '200'",
      "data.imageShape=28x|setting data.imageShape is '28x'",
      "batchSize=0|setting batchSize is '0'; it must be an integer >= 1",
      "batchSize=1.5|setting batchSize is '1.5'",
      "epochs=0|setting epochs is '0'; it must be an integer >= 1",
      "tol=-1|setting tol is '-1'; it must be a finite number >= 0",
      "seed=x|setting seed is 'x'; it must be an integer",
      "partitions=-2|setting partitions is '-2'; it must be an integer >= 0",
      "treeDepth=0|setting treeDepth is '0'; it must be an integer >= 1",
      "layers=784,0,10|setting layers is '784,0,10'; it must be sizes M0,M1,...,ML: at least",
      "layers=784|setting layers is '784'; it must be sizes M0,M1,...,ML: at least two",
      "layers=784,x,10|setting layers is '784,x,10'; it must be sizes M0,M1,...,ML",
      "activation=swish|setting activation is 'swish'; it must be an activation: linear, relu",
      "output=foo|setting output is 'foo'; it must be an activation",
      "loss=hinge|setting loss is 'hinge'; it must be auto, squared or cross_entropy (unknown",
      "mode=stochastic|setting mode is 'stochastic'; it must be one of auto, batch, minibatch",
      "activation=step|activation=step cannot be trained by backpropagation",
      "output=step|output=step cannot be trained by backpropagation",
      "output=sigmoid;loss=cross_entropy|loss cross_entropy needs output=softmax",
      "data.format=orc|setting data.format is 'orc'; it must be one of synthetic, idx, csv, libsvm",
      "data.testFraction=1|setting data.testFraction is '1'; it must be a number in (0, 1)",
      "data.header=maybe|setting data.header is 'maybe'; it must be true or false",
      "data.samples=1|setting data.samples is '1'; it must be an integer >= 2",
      "master=|setting master is ''; it must be a non-empty text",
  })
  void badValuesNameTheSettingAndTheAllowedRange(String overrides, String expected) {
    String m = error(overrides.split(";"));
    assertTrue(m.contains(expected), "message was: " + m);
  }

  @Test
  void syntheticSetMustBeKnown() {
    JobConfig job = JobConfig.from(Settings.defaults().withOverride("data.train=moons", "--set"));
    String m = assertThrows(IllegalArgumentException.class,
        () -> DataSources.checkInputs(job.data(), new org.apache.hadoop.conf.Configuration())).getMessage();
    assertTrue(m.contains("'moons'") && m.contains("spirals, circles, xor, sine"), m);
  }

  @Test
  void missingDataFileNamesThePath(@TempDir Path dir) {
    Path images = dir.resolve("train-images-idx3-ubyte.gz");
    JobConfig job = JobConfig.from(Settings.defaults()
        .withOverride("data.format=idx", "--set")
        .withOverride("data.train=" + images, "--set"));
    String m = assertThrows(IllegalArgumentException.class,
        () -> DataSources.checkInputs(job.data(), new org.apache.hadoop.conf.Configuration())).getMessage();
    assertTrue(m.contains("data.train") && m.contains(images.toString()), m);
    JobConfig csv = JobConfig.from(Settings.defaults()
        .withOverride("data.format=csv", "--set")
        .withOverride("data.train=" + dir.resolve("x.csv"), "--set"));
    m = assertThrows(IllegalArgumentException.class, () -> DataSources.checkInputs(csv.data(), new org.apache.hadoop.conf.Configuration()))
        .getMessage();
    assertTrue(m.contains(dir.resolve("x.csv").toString()), m);
  }
}
