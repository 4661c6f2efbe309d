// Loaded into the program's process: ends it once the preview that started it is gone (killed by
// a CI timeout, say), as a program ends with the `pulumi` process that hosts it. The timer never
// keeps the program alive on its own.
"use strict";
const parent = process.ppid;
setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
}, 1000).unref();
