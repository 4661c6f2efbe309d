// Loaded into the program's process (`node --require`) before Pulumi's run harness.
"use strict";

// Ends the program once the preview that started it is gone (killed by a CI timeout, say), as a
// program ends with the `pulumi` process that hosts it. The timer never keeps the program alive on
// its own.
const parent = process.ppid;
setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
}, 1000).unref();

// The SDK keeps a stack trace with every promise it makes (`debuggablePromise`), read only when
// PULUMI_DEBUG_PROMISE_LEAKS is set, to report leaked promises when the program ends. Reading
// `new Error().stack` formats it there and then, and under ts-node every frame is source-mapped:
// a third of a large program's time and much of its memory, for text nobody reads. Without that
// variable such a trace is not formatted; with it, the SDK runs untouched. Every other stack (the
// program's own errors first) is formatted as it always is.
const DEBUGGABLE = /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]debuggable\.js$/;
const UNREAD = "(stack trace not kept: set PULUMI_DEBUG_PROMISE_LEAKS to keep it)";
let installed; // what the program set (ts-node installs source-map-support's formatter)

function isPromiseTrace(callsites) {
    const top = callsites[0];
    return top !== undefined && top.getFunctionName() === "debuggablePromise" && DEBUGGABLE.test(top.getFileName() || "");
}

function prepareStackTrace(error, callsites) {
    return isPromiseTrace(callsites) ? UNREAD : installed(error, callsites);
}

if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) {
    Object.defineProperty(Error, "prepareStackTrace", {
        configurable: true,
        enumerable: false,
        // Without a formatter of the program's, V8 formats every trace itself, cheaply, as before.
        get: () => (installed === undefined ? undefined : prepareStackTrace),
        set: (fn) => {
            if (fn !== prepareStackTrace) installed = typeof fn === "function" ? fn : undefined;
        },
    });
}

// The SDK sends the engine a debug message for nearly every step of every registration, one round
// trip after another: `pulumi preview` shows them only with `--debug`, and the offline preview never
// shows them at all. The program's copy of `@pulumi/pulumi/log` drops them in the program's process
// instead; info, warnings and errors go to the engine as always.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS file, loaded before any loader
const Module = require("module");
const LOG_MODULE = /[\\/]@pulumi[\\/]pulumi[\\/]log[\\/]index\.js$/;
const quiet = new WeakSet();
const require_ = Module.prototype.require;
Module.prototype.require = function require(id) {
    const exports = require_.apply(this, arguments);
    if (exports !== null && typeof exports === "object" && typeof exports.debug === "function" && typeof exports.hasErrors === "function" && !quiet.has(exports)) {
        quiet.add(exports);
        if (LOG_MODULE.test(Module._resolveFilename(id, this))) exports.debug = () => Promise.resolve();
    }
    return exports;
};
