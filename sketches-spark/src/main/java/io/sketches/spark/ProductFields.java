package io.sketches.spark;

import java.util.Objects;
import scala.Product;

/**
 * Equality and hash code of our Catalyst expressions from their product elements, as a Scala case
 * class has them: equal classes and equal elements. Catalyst deduplicates and matches expressions
 * by this equality.
 */
final class ProductFields {
  private ProductFields() {}

  static boolean equal(Product self, Object other) {
    if (self == other) {
      return true;
    }
    if (other == null || other.getClass() != self.getClass()) {
      return false;
    }
    Product that = (Product) other;
    for (int i = 0; i < self.productArity(); i++) {
      if (!Objects.equals(self.productElement(i), that.productElement(i))) {
        return false;
      }
    }
    return true;
  }

  static int hash(Product self) {
    int hash = self.getClass().getName().hashCode();
    for (int i = 0; i < self.productArity(); i++) {
      hash = 31 * hash + Objects.hashCode(self.productElement(i));
    }
    return hash;
  }
}
