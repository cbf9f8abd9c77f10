package org.sparkprop.ml.mllib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLWritable;

/**
 * The checks of Spark's DefaultReadWriteTest: an instance saved and loaded back has the same
 * class, uid and params; saving onto an existing path fails unless overwritten.
 */
final class ReadWriteSupport {

  private ReadWriteSupport() {}

  /** A loader of a stage class: its static {@code load(String)}. */
  interface Loader<T> {
    T load(String path);
  }

  static <T extends Params & MLWritable> T testDefaultReadWrite(T instance, Loader<T> loader,
      Path dir) throws IOException {
    String path = dir.resolve(instance.uid()).toString();
    instance.save(path);
    assertThrows(IOException.class, () -> instance.save(path), "save onto an existing path");
    instance.write().overwrite().save(path);
    T loaded = loader.load(path);
    assertNotSame(instance, loaded);
    assertEquals(instance.getClass(), loaded.getClass());
    assertEquals(instance.uid(), loaded.uid());
    for (Param<?> p : instance.params()) {
      assertEquals(instance.isDefined(p), loaded.isDefined(loaded.getParam(p.name())), p.name());
      assertEquals(instance.isSet(p), loaded.isSet(loaded.getParam(p.name())), p.name());
      if (instance.isDefined(p)) {
        Object a = instance.getOrDefault(p);
        Object b = loaded.getOrDefault(loaded.getParam(p.name()));
        if (a instanceof int[] ia) {
          assertArrayEquals(ia, (int[]) b, p.name());
        } else if (a instanceof double[] da) {
          assertArrayEquals(da, (double[]) b, p.name());
        } else {
          assertEquals(a, b, p.name());
        }
      }
    }
    T again = loader.load(path);
    assertEquals(loaded.uid(), again.uid());
    return loaded;
  }
}
