/**
 * What can be wrong with a back-office file as a whole (its encoding, its quoting, its header),
 * as opposed to one row: one line on stderr naming the file, and the flag that fixes it when
 * there is one. The command exits 1.
 */
export class FileProblem extends Error {
  override readonly name = "FileProblem";
}
