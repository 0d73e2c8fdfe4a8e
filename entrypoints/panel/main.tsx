import { render } from 'preact';
render(<p>Picked for you</p>, document.getElementById('app')!);
