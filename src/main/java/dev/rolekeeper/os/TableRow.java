package dev.rolekeeper.os;

/**
 * One line of a table: {@code sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...}.
 *
 * @param ends the local and remote end as written, one space between ({@code 0100007F:A48A
 *     0100007F:2DB7})
 */
record TableRow(String ends, String local, String state, int uid, long inode) {

  /** The row of a line, or null for a line that is not one. */
  static TableRow parse(String line) {
    String[] f = new String[10];
    int n = 0;
    int i = 0;
    int len = line.length();
    while (n < 10 && i < len) {
      while (i < len && line.charAt(i) == ' ') {
        i++;
      }
      int start = i;
      while (i < len && line.charAt(i) != ' ') {
        i++;
      }
      if (start == i) {
        break;
      }
      f[n++] = line.substring(start, i);
    }
    if (n < 10) {
      return null;
    }
    try {
      return new TableRow(
          f[1] + ' ' + f[2], f[1], f[3], Integer.parseInt(f[7]), Long.parseLong(f[9]));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
