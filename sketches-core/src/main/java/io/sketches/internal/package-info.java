/**
 * Bit tricks and mixers that several packages of the library use, written once. Not public API: the
 * classes are public only so that the library's own modules can call them, and may change in any
 * release.
 */
package io.sketches.internal;
