package org.sparkprop.spark;

import java.io.Serializable;

/**
 * An item of a set of rows without labels, on its way into the same shards as the labeled rows
 * ({@link ShardInput#withUnlabeled}): its writer writes its inputs and leaves its targets all 0,
 * and its shard flags it as a row without a label ({@link org.sparkprop.train.Samples#unlabeled()},
 * read by {@link org.sparkprop.nn.Distillation}).
 *
 * @param item the item as its own source reads it
 * @param <U> the item's type
 */
public record UnlabeledItem<U>(U item) implements Serializable {}
