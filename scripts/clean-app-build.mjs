// The app build writes into assets/ beside the logos; old hashed bundles are removed first so a
// package never carries code from an earlier build.
import { rmSync } from 'node:fs';

for (const path of ['assets/build', 'assets/sidebar.html', 'assets/report.html'])
  rmSync(path, { recursive: true, force: true });
