import { Box, Button, Group, Text } from '@mantine/core';
import { useEffect, useRef, useState, type PointerEvent } from 'react';

const height = 180;

/**
 * A signature drawn with a finger, a pen or a mouse (pointer events), reported as a PNG data URL
 * once something is drawn. Keyboard and screen-reader users sign by typing instead: the page offers
 * that right beside it, so this canvas is never the only way.
 */
export function SignaturePad(props: { onChange: (png: string | null) => void; labelId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);

  // Match the canvas's pixels to its size on screen (sharp lines on high-density phones).
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    el.width = Math.round(el.clientWidth * ratio);
    el.height = Math.round(height * ratio);
    const ctx = el.getContext('2d');
    if (!ctx) return;
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.4;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#1a1b25';
  }, []);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };
  const start = (e: PointerEvent<HTMLCanvasElement>) => {
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const { x, y } = point(e);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 0.1, y + 0.1);
    ctx.stroke();
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = e.currentTarget.getContext('2d');
    const { x, y } = point(e);
    ctx?.lineTo(x, y);
    ctx?.stroke();
  };
  const end = () => {
    if (!drawing.current) return;
    drawing.current = false;
    setEmpty(false);
    props.onChange(canvas.current?.toDataURL('image/png') ?? null);
  };
  const clear = () => {
    const el = canvas.current;
    el?.getContext('2d')?.clearRect(0, 0, el.width, el.height);
    setEmpty(true);
    props.onChange(null);
  };

  return (
    <Box>
      <Box
        style={{
          border: '1px solid var(--mantine-color-gray-5)',
          borderRadius: 8,
          background: 'white',
          position: 'relative',
        }}
      >
        <canvas
          ref={canvas}
          role="img"
          aria-labelledby={props.labelId}
          aria-describedby={`${props.labelId}-hint`}
          style={{
            width: '100%',
            height,
            display: 'block',
            touchAction: 'none',
            cursor: 'crosshair',
          }}
          onPointerDown={start}
          onPointerMove={move}
          onPointerUp={end}
          onPointerCancel={end}
          onPointerLeave={end}
        />
        {empty ? (
          <Text
            size="sm"
            c="dimmed"
            style={{ position: 'absolute', bottom: 12, left: 16, pointerEvents: 'none' }}
            aria-hidden
          >
            Sign here with your finger or mouse
          </Text>
        ) : null}
      </Box>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed" id={`${props.labelId}-hint`}>
          Drawing area. To sign with the keyboard, choose “Type my signature” instead.
        </Text>
        <Button variant="subtle" size="xs" onClick={clear} disabled={empty}>
          Clear
        </Button>
      </Group>
    </Box>
  );
}
