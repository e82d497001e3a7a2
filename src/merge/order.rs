//! The order of rows: which kept their order and which moved, and a list to move them in.

/// Per item of a sequence of base positions, whether it kept its base order: whether it is in a
/// longest increasing subsequence. The others are the rows that moved.
pub fn kept_order(positions: &[usize]) -> Vec<bool> {
    // Patience sorting: `tails[k]` is the item ending the best increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before = vec![usize::MAX; positions.len()];
    for (i, &p) in positions.iter().enumerate() {
        let k = tails.partition_point(|&t| positions[t] < p);
        if k > 0 {
            before[i] = tails[k - 1];
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut kept = vec![false; positions.len()];
    let mut at = tails.last().copied().unwrap_or(usize::MAX);
    while at != usize::MAX {
        kept[at] = true;
        at = before[at];
    }
    kept
}

/// A doubly linked list of the items `0..n`, each in it at most once: moving a row among a
/// hundred thousand costs no shifting.
#[derive(Debug, Clone)]
pub struct List {
    // Item i is node i + 1; node 0 is the head and the tail's successor.
    next: Vec<usize>,
    prev: Vec<usize>,
    linked: Vec<bool>,
}

impl List {
    pub fn new(n: usize) -> Self {
        Self {
            next: vec![0; n + 1],
            prev: vec![0; n + 1],
            linked: vec![false; n],
        }
    }

    pub fn push_back(&mut self, i: usize) {
        let tail = self.prev[0];
        self.link(tail, i + 1);
    }

    /// Puts item `i` after `anchor` (`None`: first).
    pub fn insert_after(&mut self, anchor: Option<usize>, i: usize) {
        if self.linked[i] {
            self.unlink(i);
        }
        self.link(anchor.map_or(0, |a| a + 1), i + 1);
    }

    pub fn unlink(&mut self, i: usize) {
        if !self.linked[i] {
            return;
        }
        let node = i + 1;
        let (p, n) = (self.prev[node], self.next[node]);
        self.next[p] = n;
        self.prev[n] = p;
        self.linked[i] = false;
    }

    /// The item after `anchor` (`None`: the first).
    pub fn after(&self, anchor: Option<usize>) -> Option<usize> {
        let node = self.next[anchor.map_or(0, |a| a + 1)];
        (node != 0).then(|| node - 1)
    }

    /// The items in order.
    pub fn items(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.linked.len());
        let mut node = self.next[0];
        while node != 0 {
            out.push(node - 1);
            node = self.next[node];
        }
        out
    }

    fn link(&mut self, after: usize, node: usize) {
        let n = self.next[after];
        self.next[after] = node;
        self.prev[node] = after;
        self.next[node] = n;
        self.prev[n] = node;
        self.linked[node - 1] = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_that_moved_are_outside_the_longest_run() {
        assert_eq!(kept_order(&[0, 1, 2]), [true; 3]);
        assert_eq!(
            kept_order(&[0, 2, 3, 1, 4]),
            [true, true, true, false, true]
        );
        assert_eq!(kept_order(&[]), Vec::<bool>::new());
    }

    #[test]
    fn items_move_without_shifting() {
        let mut list = List::new(4);
        for i in 0..4 {
            list.push_back(i);
        }
        list.insert_after(None, 3);
        list.insert_after(Some(0), 2);
        list.unlink(1);
        assert_eq!(list.items(), [3, 0, 2]);
        assert_eq!(list.after(Some(3)), Some(0));
        assert_eq!(list.after(Some(2)), None);
        list.insert_after(Some(2), 1);
        assert_eq!(list.items(), [3, 0, 2, 1]);
    }
}
