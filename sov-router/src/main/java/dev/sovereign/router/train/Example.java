package dev.sovereign.router.train;

/** One labeled text of a dataset, the dataset it came from, and whether it is held out. */
public record Example(String text, String label, boolean heldOut, String source) {
}
