/** The one stable 64-bit item hash (XXH3) that every sketch uses for every item type. */
package io.sketches.hash;
