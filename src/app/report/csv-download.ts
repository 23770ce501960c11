/** Saves CSV text as a file from the app's iframe (formulas are neutralised by toCsv / scorecardsCsv). */
export function downloadCsv(fileName: string, csv: string): void {
  // A byte-order mark makes spreadsheet programs read the file as UTF-8 (names in any script).
  const blob = new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
