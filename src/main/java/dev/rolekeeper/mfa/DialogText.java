package dev.rolekeeper.mfa;

/**
 * Lays out the entry dialog's text: zenity's and kdialog's labels do not wrap, so a long sentence
 * would stretch the window across the screen. Breaks lines between words at a fixed width; a word
 * longer than the width (an ARN) keeps a line of its own. Existing line breaks are kept.
 */
final class DialogText {

  /**
   * Characters per line: with the dialog's {@link #WIDTH_PIXELS} this fits the default GTK and Qt
   * fonts.
   */
  static final int COLUMNS = 60;

  /** The dialog's width, so the entry field lines up with the wrapped text. */
  static final int WIDTH_PIXELS = 460;

  private DialogText() {}

  static String wrap(String text, int columns) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    String[] paragraphs = text.split("\n", -1);
    for (int p = 0; p < paragraphs.length; p++) {
      if (p > 0) {
        out.append('\n');
      }
      int lineLength = 0;
      for (String word : paragraphs[p].split(" ")) {
        if (word.isEmpty()) {
          continue;
        }
        if (lineLength > 0 && lineLength + 1 + word.length() > columns) {
          out.append('\n');
          lineLength = 0;
        } else if (lineLength > 0) {
          out.append(' ');
          lineLength++;
        }
        out.append(word);
        lineLength += word.length();
      }
    }
    return out.toString();
  }
}
