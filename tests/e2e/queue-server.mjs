// Starts the real queue-server binary for a browser suite and resolves once it says where it
// listens (port 0 lets the system choose); its stderr goes to `logFile`, which the error quotes
// when the server exits or stays silent for 10 s. Plain HTTP (--https off) unless the arguments
// choose (https-csp.mjs runs with --https on).
import { spawn } from "node:child_process";
import fs from "node:fs";

export function startQueueServer(bin, args, logFile) {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, "a");
    const all = args.includes("--https") ? args : [...args, "--https", "off"];
    const child = spawn(bin, all, { stdio: ["ignore", "pipe", log] });
    fs.closeSync(log);
    let seen = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("queue-server did not start:\n" + fs.readFileSync(logFile, "utf8")));
    }, 10000);
    child.stdout.on("data", (chunk) => {
      seen += chunk.toString();
      const m = seen.match(/listening on https?:\/\/127\.0\.0\.1:(\d+)\r?\n/);
      if (m && !child.started) {
        child.started = true;
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), output: seen });
      }
    });
    child.on("exit", (code) => {
      if (!child.started) {
        clearTimeout(timer);
        reject(new Error(`queue-server exited (${code}):\n` + fs.readFileSync(logFile, "utf8")));
      }
    });
  });
}
