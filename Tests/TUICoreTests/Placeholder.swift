// Placeholder so the target builds; removed when the target's first real tests land.
import TUICore
