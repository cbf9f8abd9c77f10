package org.sparkprop.ml;

import org.apache.spark.ml.util.Identifiable;

/**
 * Hands a uid to a Java subclass of a Scala {@code Params} class before its superclass
 * constructor runs.
 *
 * <p>The Scala superclasses ({@code Predictor}, {@code ProbabilisticClassifier}, ...) create
 * their shared params ({@code featuresCol}, ...) inside their constructors with {@code this.uid}
 * as the params' parent, that is before any field of the Java subclass is assigned. So a Java
 * subclass must answer {@code uid()} correctly during {@code super()}: its public constructors
 * stash the uid here (in an argument of {@code this(...)}, evaluated before {@code super()}), and
 * its {@code uid()} takes the stashed value the first time it is asked.
 */
final class Uids {

  /** Proof that a uid was stashed; the private constructors of the stages take it. */
  static final class Token {
    private Token() {}
  }

  private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

  private Uids() {}

  /** Stashes {@code uid} for the constructor about to run on this thread. */
  static Token stash(String uid) {
    if (uid == null || uid.isEmpty()) {
      throw new IllegalArgumentException("uid must not be empty");
    }
    PENDING.set(uid);
    return new Token();
  }

  /** A fresh uid with {@code prefix}, stashed. */
  static Token fresh(String prefix) {
    return stash(Identifiable.randomUID(prefix));
  }

  /** The stashed uid (called from {@code uid()} while the constructor runs). */
  static String take() {
    String uid = PENDING.get();
    if (uid == null) {
      throw new IllegalStateException("no uid stashed: construct stages through their public"
          + " constructors");
    }
    return uid;
  }

  /** Forgets the stashed uid once the constructor has read it. */
  static void done() {
    PENDING.remove();
  }
}
