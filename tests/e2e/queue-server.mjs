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

// For a server the suite restarts on the same port (the pages must find it again): a port
// below Linux's ephemeral range (32768-60999), so that while it is down no other test's
// port-0 listener or outgoing connection can take it. `argsFor(port)` gives the arguments;
// a port already taken on the first start is replaced by another.
export async function startQueueServerOnOwnPort(bin, argsFor, logFile) {
  for (let attempt = 1; ; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const logged = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    try {
      return await startQueueServer(bin, argsFor(port), logFile);
    } catch (e) {
      const said = fs.readFileSync(logFile, "utf8").slice(logged);
      if (attempt >= 20 || !said.includes("cannot listen")) throw e;
    }
  }
}
