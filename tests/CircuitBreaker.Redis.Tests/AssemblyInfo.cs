// The tests measure latencies (an opening seen within 100 ms, calls not slowed by an outage): one class at a time, so
// that they do not compete for the machine's cores with each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
