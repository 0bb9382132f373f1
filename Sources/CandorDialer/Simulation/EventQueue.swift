// A binary min-heap of timed events. Ties break by insertion order so a run is exactly
// reproducible from its seed.

struct SimEvent {
    enum Kind {
        case network(TelephonyEvent)
        case wrapEnd(agent: Int)
        case tick
        case wake
    }
    var time: Double
    var seq: Int
    var kind: Kind

    func precedes(_ other: SimEvent) -> Bool {
        time < other.time || (time == other.time && seq < other.seq)
    }
}

struct EventQueue {
    private var heap: [SimEvent] = []
    private var seq = 0

    var isEmpty: Bool { heap.isEmpty }
    var peekTime: Double? { heap.first?.time }

    mutating func schedule(_ kind: SimEvent.Kind, at time: Double) {
        heap.append(SimEvent(time: time, seq: seq, kind: kind))
        seq += 1
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].precedes(heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> SimEvent? {
        guard !heap.isEmpty else { return nil }
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count, heap[l].precedes(heap[m]) { m = l }
                if r < heap.count, heap[r].precedes(heap[m]) { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}
