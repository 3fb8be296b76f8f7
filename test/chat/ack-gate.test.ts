import { AckGate } from '../../src/chat/ack-gate';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('AckGate', () => {
  it('holds work until every acknowledgement in flight has finished', async () => {
    const gate = new AckGate(60_000);
    const order: string[] = [];
    const a = deferred();
    const b = deferred();
    const ackA = gate.ack(() => a.promise).then(() => order.push('ack a'));
    const ackB = gate.ack(() => b.promise).then(() => order.push('ack b'));
    expect(gate.inFlight()).toBe(2);
    const work = gate.idle().then(() => order.push('work'));
    a.resolve();
    await ackA;
    expect(order).toEqual(['ack a']);
    b.resolve();
    await Promise.all([ackB, work]);
    // Released by the last acknowledgement settling; its own continuation may run either side.
    expect(order.slice().sort()).toEqual(['ack a', 'ack b', 'work']);
    expect(gate.inFlight()).toBe(0);
  });

  it('is open when nothing is in flight, and counts failed acknowledgements as finished', async () => {
    const gate = new AckGate(60_000);
    await expect(gate.idle()).resolves.toBeUndefined();
    await expect(gate.ack(() => Promise.reject(new Error('expired interaction')))).rejects.toThrow('expired interaction');
    expect(gate.inFlight()).toBe(0);
    await expect(gate.idle()).resolves.toBeUndefined();
  });

  it('lets waiting work through one unit per turn of the event loop, so an interaction read in between is acknowledged first', async () => {
    const gate = new AckGate(60_000);
    const order: string[] = [];
    const ack = deferred();
    let acked: Promise<unknown> = Promise.resolve();
    const first = gate.idle().then(() => {
      order.push('work 1');
      // An interaction read before the next turn: its acknowledgement closes the gate again.
      acked = gate.ack(() => ack.promise).then(() => order.push('ack'));
    });
    const second = gate.idle().then(() => order.push('work 2'));
    await first;
    for (let turn = 0; turn < 3; turn += 1) await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['work 1']);
    ack.resolve();
    await Promise.all([acked, second]);
    expect(order).toEqual(['work 1', 'ack', 'work 2']);
  });

  it('lets work through after maxWaitMs under a steady stream of acknowledgements', async () => {
    jest.useFakeTimers();
    try {
      const gate = new AckGate(500);
      const never = new Promise<void>(() => undefined);
      void gate.ack(() => never);
      let released = false;
      const work = gate.idle().then(() => (released = true));
      jest.advanceTimersByTime(499);
      await Promise.resolve();
      expect(released).toBe(false);
      jest.advanceTimersByTime(1);
      await work;
      expect(released).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
