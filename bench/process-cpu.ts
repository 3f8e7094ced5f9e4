// The CPU time a process (the server under load) has used: per request or per lifecycle, the figure that moves
// with the CPU's speed and not with the disk's latency.
import fs from 'node:fs';

/**
 * CPU seconds a process has used so far, all its threads (utime + stime of /proc/<pid>/stat); null where there is
 * no /proc. Per lifecycle, it is the figure that does not move with the disk's latency, only with the CPU's speed.
 */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is the 14th field, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
/** Linux's USER_HZ, the unit of /proc's CPU times: 100 on every architecture Node runs on. */
const CLOCK_TICKS = 100;
