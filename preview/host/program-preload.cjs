// Loaded into the program's process (`node --require`) before Pulumi's run harness.
"use strict";

// Ends with the preview that started it, as a program ends with the `pulumi` process that hosts it.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS file, loaded before any loader
require("./orphan-guard.cjs");

// Two things the SDK makes for nobody in a preview, left out of the program's copy of it when its
// modules load; the program itself, its errors and their stacks, are untouched.
//
// - `runtime/debuggable`: the SDK keeps a stack trace with every promise it makes, read only when
//   PULUMI_DEBUG_PROMISE_LEAKS is set, to report leaked promises when the program ends. It formats
//   the trace as it makes the promise, and under ts-node every frame is source-mapped: a third of a
//   large program's time. Without that variable the trace has no frames; with it, it is kept whole.
// - `log`: the SDK sends the engine a debug message for nearly every step of every registration,
//   one round trip after another: `pulumi preview` shows them only with `--debug`, and the offline
//   preview never. They are dropped in the program's process; info, warnings and errors go to the
//   engine as always.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS file, loaded before any loader
const Module = require("module");

const SDK_MODULE = /[\\/]@pulumi[\\/]pulumi[\\/](runtime[\\/]debuggable|log[\\/]index)\.js$/;
const keepPromiseTraces = Boolean(process.env.PULUMI_DEBUG_PROMISE_LEAKS);

function withoutTrace(debuggablePromise) {
    return function debuggablePromiseWithoutTrace(p, ctx) {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return debuggablePromise(p, ctx);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
}

const patched = new WeakSet();
const require_ = Module.prototype.require;
Module.prototype.require = function require(id) {
    const exports = require_.apply(this, arguments);
    if (exports === null || typeof exports !== "object" || patched.has(exports)) return exports;
    const isLog = typeof exports.debug === "function" && typeof exports.hasErrors === "function";
    const isDebuggable = typeof exports.debuggablePromise === "function" && typeof exports.leakedPromises === "function";
    if ((isLog || isDebuggable) && SDK_MODULE.test(Module._resolveFilename(id, this))) {
        patched.add(exports);
        if (isLog) exports.debug = () => Promise.resolve();
        if (isDebuggable && !keepPromiseTraces) exports.debuggablePromise = withoutTrace(exports.debuggablePromise);
    }
    return exports;
};
