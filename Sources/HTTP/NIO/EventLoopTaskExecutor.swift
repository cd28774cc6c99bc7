import NIOCore

/// A SwiftNIO event loop as a `TaskExecutor`: a task that prefers it runs on the loop's thread, so the calls it makes
/// on that loop's connections, and the resumptions they answer with, never hop between threads.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
