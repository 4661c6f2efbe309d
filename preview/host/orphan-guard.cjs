// Loaded (`node --require`) into the processes a preview starts, the program and each policy pack:
// ends the process once the preview that started it is gone (killed by a CI timeout, say), as they
// end with the `pulumi` process that hosts them. The timer never keeps the process alive on its own.
"use strict";
const parent = process.ppid;
setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
}, 1000).unref();
