//! The window on the screen it opens on: its configured size (1280×800)
//! is larger than many regional laptops' screens (1366×768 with a taskbar,
//! 1024×640), so a window that does not fit the screen's work area is made
//! as large as the work area allows and placed inside it.

/// A rectangle in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

/// Where and how large the window (its outer frame) should be to lie
/// within `work_area`; `None` when it already does.
pub fn fit_into(window: Rect, work_area: Rect) -> Option<Rect> {
    let width = window.width.min(work_area.width);
    let height = window.height.min(work_area.height);
    let inside = |start: i32, size: u32, area_start: i32, area_size: u32| {
        start >= area_start && i64::from(start) + i64::from(size) <= i64::from(area_start) + i64::from(area_size)
    };
    if width == window.width
        && height == window.height
        && inside(window.x, window.width, work_area.x, work_area.width)
        && inside(window.y, window.height, work_area.y, work_area.height)
    {
        return None;
    }
    let centred = |area_start: i32, area_size: u32, size: u32| area_start + ((area_size - size) / 2) as i32;
    Some(Rect {
        x: centred(work_area.x, work_area.width, width),
        y: centred(work_area.y, work_area.height, height),
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: i32, y: i32, width: u32, height: u32) -> Rect {
        Rect { x, y, width, height }
    }

    #[test]
    fn a_window_larger_than_a_small_screen_is_made_to_fill_it() {
        assert_eq!(fit_into(rect(0, 0, 1280, 800), rect(0, 0, 1024, 640)), Some(rect(0, 0, 1024, 640)));
    }

    #[test]
    fn only_the_side_that_does_not_fit_shrinks_and_the_window_is_centred() {
        // 1366×768 with a 40 px taskbar at the bottom.
        assert_eq!(fit_into(rect(43, 0, 1280, 800), rect(0, 0, 1366, 728)), Some(rect(43, 0, 1280, 728)));
    }

    #[test]
    fn a_window_that_fits_stays_where_it_is() {
        assert_eq!(fit_into(rect(320, 140, 1280, 800), rect(0, 0, 1920, 1080)), None);
    }

    #[test]
    fn a_window_that_fits_but_lies_off_the_work_area_is_brought_onto_it() {
        // A second monitor's work area starting at x = 1920, with the window left on the first.
        assert_eq!(fit_into(rect(0, 0, 1280, 800), rect(1920, 0, 1920, 1080)), Some(rect(2240, 140, 1280, 800)));
    }
}
