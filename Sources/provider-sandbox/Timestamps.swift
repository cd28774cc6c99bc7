import Foundation

/// Cheap UTC timestamps for answers: ISO 8601 for `updated_at`, IMF-fixdate for Retry-After.
enum Timestamps {
    static func iso8601(_ seconds: Int = Int(time(nil))) -> String {
        let t = parts(seconds)
        return "\(t.year)-\(pad(t.month))-\(pad(t.day))T\(pad(t.hour)):\(pad(t.minute)):\(pad(t.second))Z"
    }

    static func httpDate(_ seconds: Int) -> String {
        let t = parts(seconds)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(days[t.weekday]), \(pad(t.day)) \(months[t.month - 1]) \(t.year) \(pad(t.hour)):\(pad(t.minute)):\(pad(t.second)) GMT"
    }

    private static func parts(_ seconds: Int) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        var value = time_t(seconds)
        var broken = tm()
        gmtime_r(&value, &broken)
        return (Int(broken.tm_year) + 1900, Int(broken.tm_mon) + 1, Int(broken.tm_mday), Int(broken.tm_hour), Int(broken.tm_min), Int(broken.tm_sec), Int(broken.tm_wday))
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
