// Trunk `data-initializer` (index.html): reports the wasm download and start-up to the shell's
// watchdog (`window.skewcheckShell`, watchdog.js, inlined into index.html). Trunk 0.21 calls the
// default export once and then `onStart()`, `onProgress({ current, total })` per chunk,
// `onComplete()`, and `onSuccess(wasm)` after the app's `main` has run (it then mounts within a
// moment, once its language is loaded, and removes the shell itself: skewcheckShell.mounted) or
// `onFailure(error)` when fetching, compiling or starting the wasm failed (or, without
// WebAssembly, could not even begin).
const shell = () => window.skewcheckShell;

export default function initializer() {
  return {
    onStart: () => shell()?.started(),
    onProgress: ({ current, total }) => shell()?.progress(current, total),
    onComplete: () => {},
    onSuccess: () => shell()?.running(),
    // Without WebAssembly the shell runs the wasm2js fallback instead: not a failure then.
    onFailure: (error) => {
      if (shell()?.failed(error) ?? true) console.error('skewcheck could not start:', error);
    },
  };
}
